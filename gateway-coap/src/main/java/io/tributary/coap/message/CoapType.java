package io.tributary.coap.message;

/** The 2-bit message type of RFC 7252 §3: Confirmable, Non-confirmable, Acknowledgement, Reset. */
public enum CoapType {
    /** Confirmable: retransmitted until acknowledged (§4.2). */
    CON,
    /** Non-confirmable: sent once (§4.3). */
    NON,
    /** Acknowledgement of a CON, empty or carrying a piggybacked response. */
    ACK,
    /** Reset: the receiver could not process a message (§4.2, §4.3). */
    RST;

    private static final CoapType[] VALUES = values();

    /**
     * @param bits the two type bits, 0 to 3
     * @return the type
     */
    public static CoapType of(int bits) {
        return VALUES[bits & 0x3];
    }
}
