package io.tributary.coap;

/** No ACK or response arrived: after the last retransmission for a CON (RFC 7252 §4.2), or in time for a NON. */
public final class CoapTimeoutException extends CoapException {
    private static final long serialVersionUID = 1L;

    /** @param message which request to whom, and after how long */
    public CoapTimeoutException(String message) {
        super(message);
    }
}
