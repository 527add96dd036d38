package io.tributary.coap.stack;

/** Why a client exchange ended without a response; the API above maps it to its own exceptions. */
public final class ExchangeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The ways an exchange can fail. */
    public enum Reason {
        /** No ACK after the last retransmission (RFC 7252 §4.2), or no response in time. */
        TIMEOUT,
        /** The peer answered with RST (§4.2). */
        RESET,
        /** Refused locally for lack of resources: peer table or queue full, message IDs exhausted. */
        REFUSED
    }

    private final Reason reason;

    ExchangeFailure(Reason reason, String description) {
        super(description, null, false, false);
        this.reason = reason;
    }

    /** @return why the exchange failed */
    public Reason reason() {
        return reason;
    }
}
