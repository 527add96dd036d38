package io.tributary.coap.message;

import java.nio.ByteBuffer;

/**
 * ETags (RFC 7252 §5.10.6) derived from a representation's content: 8 bytes of a 64-bit hash over the
 * Content-Format and the payload (FNV-1a style, eight bytes a step, with a final avalanche), so equal
 * representations share a tag and a changed one gets another, without any state kept per representation. Not a
 * cryptographic hash: a tag tells versions apart, it does not authenticate them.
 */
public final class EntityTag {

    /** Length of the tags made here, in bytes (the option allows 1 to 8). */
    public static final int LENGTH = 8;

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private EntityTag() {
    }

    /**
     * @param payload the representation's bytes, read from position to limit; the buffer is not moved
     * @param contentFormat its Content-Format, or -1 when none
     * @return an 8-byte tag
     */
    public static byte[] of(ByteBuffer payload, int contentFormat) {
        long hash = (OFFSET_BASIS ^ contentFormat) * PRIME;
        int index = payload.position();
        int limit = payload.limit();
        for (; index + Long.BYTES <= limit; index += Long.BYTES) {
            hash = (hash ^ payload.getLong(index)) * PRIME;
            hash ^= hash >>> 29;
        }
        for (; index < limit; index++) {
            hash = (hash ^ (payload.get(index) & 0xff)) * PRIME;
        }
        hash ^= limit - payload.position();
        // Avalanche, so that payloads differing in one byte differ in every byte of the tag.
        hash = (hash ^ (hash >>> 33)) * 0xff51afd7ed558ccdL;
        hash = (hash ^ (hash >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return bytes(hash ^ (hash >>> 33));
    }

    /**
     * @param payload the representation's bytes
     * @param contentFormat its Content-Format, or -1 when none
     * @return an 8-byte tag
     */
    public static byte[] of(byte[] payload, int contentFormat) {
        return of(ByteBuffer.wrap(payload), contentFormat);
    }

    private static byte[] bytes(long hash) {
        byte[] tag = new byte[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            tag[i] = (byte) hash;
            hash >>>= 8;
        }
        return tag;
    }
}
