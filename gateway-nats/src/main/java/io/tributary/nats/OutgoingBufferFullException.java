package io.tributary.nats;

/** Ends a publishing stream whose next message did not fit the outgoing buffer under {@code overflow: error}. */
final class OutgoingBufferFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param subject the refused message's subject
     * @param capacity the buffer's capacity, in bytes
     */
    OutgoingBufferFullException(String subject, long capacity) {
        super("message on '" + subject + "' refused: the outgoing buffer of " + capacity + " bytes is full");
    }
}
