package io.tributary.pnp.provision;

/** An operator's claim or retry that cannot be carried out; {@link #reason()} says why. */
public final class ClaimRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a claim or retry was refused. */
    public enum Reason {
        /** No device with that serial has contacted the server. */
        UNKNOWN_DEVICE,
        /** The rule is not one of the plan's rules. */
        UNKNOWN_RULE,
        /** A retry of a device that is not {@code FAILED}. */
        NOT_FAILED
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message what, for the operator
     */
    public ClaimRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** @return why the claim or retry was refused */
    public Reason reason() {
        return reason;
    }
}
