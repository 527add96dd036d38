package io.tributary.coap.message;

/**
 * A datagram that is not a well-formed CoAP message; carries the header fields read before the error so that a
 * CON can be rejected with RST (§4.2) and a NON silently dropped (§4.3).
 */
public final class CoapFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final FormatError error;
    private final CoapType type;
    private final int messageId;

    /**
     * @param error what is wrong
     * @param type the type bits, or {@code null} when the header was incomplete
     * @param messageId the message ID, or -1 when the header was incomplete
     */
    public CoapFormatException(FormatError error, CoapType type, int messageId) {
        super(error.description(), null, false, false);
        this.error = error;
        this.type = type;
        this.messageId = messageId;
    }

    /** @return what is wrong */
    public FormatError error() {
        return error;
    }

    /** @return the type from the header, or {@code null} when the header was incomplete */
    public CoapType type() {
        return type;
    }

    /** @return the message ID from the header, or -1 when the header was incomplete */
    public int messageId() {
        return messageId;
    }

    /** @return whether the sender expects a RST: the header was complete and the type is CON */
    public boolean rejectWithReset() {
        return type == CoapType.CON && messageId >= 0;
    }
}
