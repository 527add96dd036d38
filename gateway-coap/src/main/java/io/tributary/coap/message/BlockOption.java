package io.tributary.coap.message;

/**
 * The value of a Block1 or Block2 option (RFC 7959 §2.2): the block number NUM (up to 20 bits), the more flag M
 * and the size exponent SZX, the block size being 2^(SZX + 4), 16 to 1,024 bytes; SZX 7 is reserved.
 *
 * @param num the block number, 0 to 2^20 - 1
 * @param more whether more blocks follow (M)
 * @param szx the size exponent, 0 to 6 (7 is reserved and refused with 4.00 by the layers that read it)
 */
public record BlockOption(int num, boolean more, int szx) {

    /** The largest block number the 20 bits of NUM hold. */
    public static final int MAX_NUM = (1 << 20) - 1;
    /** The reserved size exponent (§2.2), a request carrying it gets 4.00. */
    public static final int RESERVED_SZX = 7;
    /** The largest usable size exponent: 1,024-byte blocks. */
    public static final int MAX_SZX = 6;

    /** Checks the ranges. */
    public BlockOption {
        if (num < 0 || num > MAX_NUM || szx < 0 || szx > RESERVED_SZX) {
            throw new IllegalArgumentException("no block option NUM " + num + ", SZX " + szx);
        }
    }

    /**
     * @param value the raw option value, 0 to 3 bytes
     * @return the block option, or {@code null} when the value is longer than 3 bytes
     */
    public static BlockOption decode(byte[] value) {
        if (value.length > 3) {
            return null;
        }
        int bits = (int) CoapOptions.decodeUint(value);
        return new BlockOption(bits >>> 4, (bits & 0x8) != 0, bits & 0x7);
    }

    /**
     * @param options a message's options
     * @param number {@link CoapOption#BLOCK1} or {@link CoapOption#BLOCK2}
     * @return the option's value, or {@code null} when absent or longer than 3 bytes
     */
    public static BlockOption of(CoapOptions options, int number) {
        byte[] value = options.first(number);
        return value == null ? null : decode(value);
    }

    /**
     * @param size a block size in bytes, a power of two from 16 to 1,024
     * @return its size exponent
     */
    public static int szx(int size) {
        if (size < 16 || size > 1024 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("a block size is a power of two from 16 to 1024, not " + size);
        }
        return Integer.numberOfTrailingZeros(size) - 4;
    }

    /** @return the block size in bytes, 2^(SZX + 4) */
    public int size() {
        return 1 << (szx + 4);
    }

    /** @return the offset of the block's first byte in the body, NUM x size */
    public long offset() {
        return (long) num * size();
    }

    /** @return whether SZX is the reserved value 7 */
    public boolean reserved() {
        return szx == RESERVED_SZX;
    }

    /** @return the option value, as few bytes as the number needs (§3.2 of RFC 7252) */
    public byte[] encode() {
        return CoapOptions.encodeUint(((long) num << 4) | (more ? 0x8 : 0) | szx);
    }

    @Override
    public String toString() {
        return num + "/" + (more ? 1 : 0) + "/" + size();
    }
}
