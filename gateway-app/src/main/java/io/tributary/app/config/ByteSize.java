package io.tributary.app.config;

/**
 * A size in bytes read from the configuration as a number or with a unit ({@code 64KiB}, {@code 1MiB}).
 *
 * @param bytes the size in bytes
 */
public record ByteSize(long bytes) {

    /** @return the size as an int, for APIs that take one; sizes above 2 GiB are refused at validation */
    public int intBytes() {
        return Math.toIntExact(bytes);
    }
}
