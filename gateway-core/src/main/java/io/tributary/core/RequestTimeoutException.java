package io.tributary.core;

import java.time.Duration;

/** Fails a {@link Router#request} whose responder did not answer within the timeout. */
public final class RequestTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param topic the request topic
     * @param timeout the timeout that elapsed
     */
    public RequestTimeoutException(Topic topic, Duration timeout) {
        super("no reply for request on '" + topic + "' within " + timeout.toMillis() + " ms");
    }
}
