package io.tributary.nats;

/** Fails a request sent over NATS that got no usable reply: the connection is down, or the responder failed. */
public final class NatsRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the subject */
    public NatsRequestException(String message) {
        super(message);
    }
}
