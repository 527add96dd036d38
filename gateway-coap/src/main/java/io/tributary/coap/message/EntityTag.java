package io.tributary.coap.message;

import java.nio.ByteBuffer;

/**
 * ETags (RFC 7252 §5.10.6) derived from a representation's content: 8 bytes of a 64-bit FNV-1a hash over the
 * Content-Format and the payload, so equal representations share a tag and a changed one gets another, without
 * any state kept per representation.
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
        long hash = mix(OFFSET_BASIS, contentFormat & 0xff);
        hash = mix(hash, (contentFormat >>> 8) & 0xff);
        for (int i = payload.position(); i < payload.limit(); i++) {
            hash = mix(hash, payload.get(i));
        }
        return bytes(hash);
    }

    /**
     * @param payload the representation's bytes
     * @param contentFormat its Content-Format, or -1 when none
     * @return an 8-byte tag
     */
    public static byte[] of(byte[] payload, int contentFormat) {
        return of(ByteBuffer.wrap(payload), contentFormat);
    }

    private static long mix(long hash, int octet) {
        return (hash ^ (octet & 0xff)) * PRIME;
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
