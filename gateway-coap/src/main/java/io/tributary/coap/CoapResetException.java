package io.tributary.coap;

/** The peer answered a request with RST (RFC 7252 §4.2): it could not process it, or it was pinged. */
public final class CoapResetException extends CoapException {
    private static final long serialVersionUID = 1L;

    /** @param message which request to whom */
    public CoapResetException(String message) {
        super(message);
    }
}
