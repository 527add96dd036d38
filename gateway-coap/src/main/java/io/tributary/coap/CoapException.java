package io.tributary.coap;

/** A CoAP exchange that ended without a response. */
public class CoapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened */
    public CoapException(String message) {
        super(message);
    }
}
