package io.tributary.coap.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable list of options sorted by number (repeated options keep their order), as carried in a message
 * (RFC 7252 §3.1); values are raw bytes, with typed accessors for the common options.
 */
public final class CoapOptions {

    /** No options. */
    public static final CoapOptions EMPTY = new CoapOptions(new int[0], new byte[0][], 0);

    private static final byte[] NO_BYTES = new byte[0];

    private final int[] numbers;
    private final byte[][] values;
    private final int size;

    CoapOptions(int[] numbers, byte[][] values, int size) {
        this.numbers = numbers;
        this.values = values;
        this.size = size;
    }

    /** @return a builder for options in any order */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of options, repeats included */
    public int size() {
        return size;
    }

    /**
     * @param index position in number order
     * @return the option number at that position
     */
    public int number(int index) {
        return numbers[index];
    }

    /**
     * @param index position in number order
     * @return the raw value at that position; callers must not modify it
     */
    public byte[] value(int index) {
        return values[index];
    }

    /**
     * @param number an option number
     * @return whether the option is present
     */
    public boolean has(int number) {
        return indexOf(number) >= 0;
    }

    /**
     * @param number an option number
     * @return the position of its first occurrence, or -1
     */
    public int indexOf(int number) {
        for (int i = 0; i < size; i++) {
            if (numbers[i] == number) {
                return i;
            }
            if (numbers[i] > number) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * @param number an option number
     * @return how many times it occurs
     */
    public int count(int number) {
        int count = 0;
        for (int i = indexOf(number); i >= 0 && i < size && numbers[i] == number; i++) {
            count++;
        }
        return count;
    }

    /**
     * @param number an option number
     * @return the first value of that option, or {@code null}
     */
    public byte[] first(int number) {
        int index = indexOf(number);
        return index < 0 ? null : values[index];
    }

    /**
     * @param number an option number
     * @return every value of that option in order
     */
    public List<byte[]> all(int number) {
        List<byte[]> found = new ArrayList<>(2);
        for (int i = indexOf(number); i >= 0 && i < size && numbers[i] == number; i++) {
            found.add(values[i]);
        }
        return found;
    }

    /**
     * @param number a string option number
     * @return every value of that option decoded as UTF-8
     */
    public List<String> strings(int number) {
        List<String> found = new ArrayList<>(4);
        for (int i = indexOf(number); i >= 0 && i < size && numbers[i] == number; i++) {
            found.add(new String(values[i], StandardCharsets.UTF_8));
        }
        return found;
    }

    /**
     * @param number a uint option number
     * @param absent the value to return when the option is missing
     * @return the option's unsigned value (§3.2), or {@code absent}
     */
    public long uint(int number, long absent) {
        byte[] value = first(number);
        return value == null ? absent : decodeUint(value);
    }

    /** @return Content-Format, or -1 when absent */
    public int contentFormat() {
        return (int) uint(CoapOption.CONTENT_FORMAT, -1);
    }

    /** @return Accept, or -1 when absent */
    public int accept() {
        return (int) uint(CoapOption.ACCEPT, -1);
    }

    /** @return the Uri-Path segments */
    public List<String> uriPath() {
        return strings(CoapOption.URI_PATH);
    }

    /** @return the Uri-Query items */
    public List<String> uriQuery() {
        return strings(CoapOption.URI_QUERY);
    }

    /** @return the Location-Path segments */
    public List<String> locationPath() {
        return strings(CoapOption.LOCATION_PATH);
    }

    /**
     * @param value a uint option value of at most 8 bytes, big-endian
     * @return the number
     */
    public static long decodeUint(byte[] value) {
        long result = 0;
        for (byte b : value) {
            result = (result << 8) | (b & 0xff);
        }
        return result;
    }

    /**
     * @param value an unsigned number
     * @return its minimal big-endian encoding: zero is the empty value (§3.2)
     */
    public static byte[] encodeUint(long value) {
        if (value == 0) {
            return NO_BYTES;
        }
        int length = (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
        byte[] bytes = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }

    /**
     * Sets one option in a single copy, replacing any value it had: for the options a layer adds to a message on
     * its way (Observe, Block1, Block2, Size1, Size2, ETag).
     *
     * @param number the option number
     * @param value the raw value, not copied
     * @return new options with that option holding only {@code value}
     */
    public CoapOptions with(int number, byte[] value) {
        int kept = size - count(number);
        int[] newNumbers = new int[kept + 1];
        byte[][] newValues = new byte[kept + 1][];
        int out = 0;
        boolean placed = false;
        for (int i = 0; i < size; i++) {
            if (numbers[i] == number) {
                continue;
            }
            if (!placed && numbers[i] > number) {
                newNumbers[out] = number;
                newValues[out++] = value;
                placed = true;
            }
            newNumbers[out] = numbers[i];
            newValues[out++] = values[i];
        }
        if (!placed) {
            newNumbers[out] = number;
            newValues[out] = value;
        }
        return new CoapOptions(newNumbers, newValues, kept + 1);
    }

    /**
     * @param number an uint option number
     * @param value its unsigned value
     * @return new options with that option holding only {@code value}
     */
    public CoapOptions withUint(int number, long value) {
        return with(number, encodeUint(value));
    }

    /**
     * @param number an option number
     * @return these options without any value of it (this object when it is absent)
     */
    public CoapOptions without(int number) {
        int removed = count(number);
        if (removed == 0) {
            return this;
        }
        if (removed == size) {
            return EMPTY;
        }
        int[] newNumbers = new int[size - removed];
        byte[][] newValues = new byte[size - removed][];
        int out = 0;
        for (int i = 0; i < size; i++) {
            if (numbers[i] != number) {
                newNumbers[out] = numbers[i];
                newValues[out++] = values[i];
            }
        }
        return new CoapOptions(newNumbers, newValues, out);
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        Builder builder = new Builder();
        for (int i = 0; i < size; i++) {
            builder.add(numbers[i], values[i]);
        }
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CoapOptions)) {
            return false;
        }
        CoapOptions that = (CoapOptions) other;
        if (size != that.size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (numbers[i] != that.numbers[i] || !Arrays.equals(values[i], that.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = size;
        for (int i = 0; i < size; i++) {
            hash = hash * 31 + numbers[i];
            hash = hash * 31 + Arrays.hashCode(values[i]);
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(CoapOption.name(numbers[i])).append('=');
            if (CoapOption.isString(numbers[i])) {
                text.append('"').append(new String(values[i], StandardCharsets.UTF_8)).append('"');
            } else if (CoapOption.isUint(numbers[i]) && values[i].length <= 8) {
                text.append(decodeUint(values[i]));
            } else {
                text.append("0x");
                for (byte b : values[i]) {
                    text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
                }
            }
        }
        return text.append('}').toString();
    }

    /** Collects options in any order; {@link #build()} sorts them by number, keeping repeats in order. */
    public static final class Builder {
        private int[] numbers = new int[8];
        private byte[][] values = new byte[8][];
        private int size;
        private boolean sorted = true;

        private Builder() {
        }

        /**
         * @param number option number, 0 to 65535
         * @param value raw value, not copied
         * @return this builder
         */
        public Builder add(int number, byte[] value) {
            if (number < 0 || number > CoapOption.MAX_NUMBER) {
                throw new IllegalArgumentException("option number out of range: " + number);
            }
            if (size == numbers.length) {
                numbers = Arrays.copyOf(numbers, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            if (size > 0 && numbers[size - 1] > number) {
                sorted = false;
            }
            numbers[size] = number;
            values[size] = value;
            size++;
            return this;
        }

        /**
         * @param number a string option number
         * @param value the value, encoded as UTF-8
         * @return this builder
         */
        public Builder add(int number, String value) {
            return add(number, value.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * @param number a uint option number
         * @param value the unsigned value
         * @return this builder
         */
        public Builder addUint(int number, long value) {
            return add(number, encodeUint(value));
        }

        /**
         * Removes every value of an option.
         *
         * @param number the option number
         * @return this builder
         */
        public Builder remove(int number) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (numbers[i] != number) {
                    numbers[kept] = numbers[i];
                    values[kept] = values[i];
                    kept++;
                }
            }
            for (int i = kept; i < size; i++) {
                values[i] = null;
            }
            size = kept;
            return this;
        }

        /**
         * Adds each {@code /}-separated segment of a path as a Uri-Path option; a leading slash is ignored.
         *
         * @param path e.g. {@code /sensors/temp}
         * @return this builder
         */
        public Builder uriPath(String path) {
            for (String segment : path.split("/")) {
                if (!segment.isEmpty()) {
                    add(CoapOption.URI_PATH, segment);
                }
            }
            return this;
        }

        /** @return the options sorted by number */
        public CoapOptions build() {
            if (size == 0) {
                return EMPTY;
            }
            if (!sorted) {
                // Insertion sort is stable and the lists are short.
                for (int i = 1; i < size; i++) {
                    int number = numbers[i];
                    byte[] value = values[i];
                    int j = i - 1;
                    while (j >= 0 && numbers[j] > number) {
                        numbers[j + 1] = numbers[j];
                        values[j + 1] = values[j];
                        j--;
                    }
                    numbers[j + 1] = number;
                    values[j + 1] = value;
                }
                sorted = true;
            }
            return new CoapOptions(Arrays.copyOf(numbers, size), Arrays.copyOf(values, size), size);
        }
    }
}
