package io.tributary.pnp.server;

/**
 * Thrown (as a {@code Mono} error) by a {@link PnpHandler} that cannot take another device, before it changes
 * anything: the server's one capacity guard. The server answers 503 with a fault, counts
 * {@code tributary.pnp.rejected{reason=capacity}} and logs it, and the agent retries later.
 */
public final class ServerBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message why, e.g. how many devices are already known */
    public ServerBusyException(String message) {
        super(message);
    }
}
