package io.tributary.coap;

/** An observation ended with a 4.xx or 5.xx notification (RFC 7641 §3.2), e.g. 4.04 when the resource was deleted. */
public final class CoapResponseException extends CoapException {
    private static final long serialVersionUID = 1L;

    private final transient CoapResponse response;

    /**
     * @param message what ended
     * @param response the final notification
     */
    public CoapResponseException(String message, CoapResponse response) {
        super(message);
        this.response = response;
    }

    /** @return the final notification, e.g. 4.04 Not Found */
    public CoapResponse response() {
        return response;
    }
}
