package io.tributary.core;

/** Fails a {@link Router#request} when no responder is registered for the request's topic. */
public final class NoResponderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param topic the request topic that no responder filter matched */
    public NoResponderException(Topic topic) {
        super("no responder registered for topic '" + topic + "'");
    }
}
