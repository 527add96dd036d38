package io.tributary.core.gateway;

/** Reports which part of a gateway failed to start, after the parts already started were stopped again. */
public final class GatewayStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String component;

    /**
     * @param component the adapter name, or {@code http} for the shared listener
     * @param cause why it failed
     */
    public GatewayStartException(String component, Throwable cause) {
        super("'" + component + "' failed to start: " + cause.getMessage(), cause);
        this.component = component;
    }

    /** @return the adapter name, or {@code http} for the shared listener */
    public String component() {
        return component;
    }
}
