package io.tributary.coap.message;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;

/**
 * Encodes and decodes the CoAP message format of RFC 7252 §3 on Netty buffers. Decoding reports every format
 * error as a typed {@link CoapFormatException}; encoding writes options delta-encoded with the 13/14 extension
 * bytes of §3.1.
 */
public final class CoapCodec {

    /** The payload marker (§3). */
    public static final int PAYLOAD_MARKER = 0xFF;

    private static final int VERSION = 1;

    private CoapCodec() {
    }

    /**
     * Decodes one whole datagram.
     *
     * @param in the datagram bytes from reader index to writer index; the reader index is not moved
     * @return the message
     * @throws CoapFormatException when the bytes are not a well-formed message
     */
    public static CoapMessage decode(ByteBuf in) throws CoapFormatException {
        // One bounds and liveness check for the whole datagram, instead of one per byte read.
        byte[] datagram = new byte[in.readableBytes()];
        in.getBytes(in.readerIndex(), datagram);
        return decode(datagram);
    }

    /**
     * Decodes one whole datagram held in an array.
     *
     * @param in the datagram bytes
     * @return the message
     * @throws CoapFormatException when the bytes are not a well-formed message
     */
    public static CoapMessage decode(byte[] in) throws CoapFormatException {
        int index = 0;
        int end = in.length;
        if (end < 4) {
            throw new CoapFormatException(FormatError.TRUNCATED_HEADER, null, -1);
        }
        int first = in[0] & 0xff;
        CoapCode code = CoapCode.of(in[1] & 0xff);
        int messageId = ((in[2] & 0xff) << 8) | (in[3] & 0xff);
        if ((first >> 6) != VERSION) {
            // §3: unknown versions are silently ignored, so the type is not reported for a reset.
            throw new CoapFormatException(FormatError.BAD_VERSION, null, messageId);
        }
        CoapType type = CoapType.of(first >> 4);
        int tokenLength = first & 0x0f;
        if (tokenLength > CoapMessage.MAX_TOKEN_LENGTH) {
            throw new CoapFormatException(FormatError.BAD_TOKEN_LENGTH, type, messageId);
        }
        index += 4;
        if (code == CoapCode.EMPTY) {
            if (tokenLength != 0 || index != end) {
                throw new CoapFormatException(FormatError.NON_EMPTY_EMPTY_MESSAGE, type, messageId);
            }
            return CoapMessage.empty(type, messageId);
        }
        int codeClass = code.codeClass();
        if (codeClass == 1 || codeClass >= 6) {
            throw new CoapFormatException(FormatError.RESERVED_CODE_CLASS, type, messageId);
        }
        if (type == CoapType.RST || (type == CoapType.ACK && codeClass == 0)) {
            throw new CoapFormatException(FormatError.TYPE_CODE_MISMATCH, type, messageId);
        }
        if (end - index < tokenLength) {
            throw new CoapFormatException(FormatError.TRUNCATED_TOKEN, type, messageId);
        }
        byte[] token = CoapMessage.NO_BYTES;
        if (tokenLength > 0) {
            token = Arrays.copyOfRange(in, index, index + tokenLength);
            index += tokenLength;
        }
        int[] numbers = null;
        byte[][] values = null;
        int count = 0;
        int number = 0;
        byte[] payload = CoapMessage.NO_BYTES;
        while (index < end) {
            int header = in[index++] & 0xff;
            if (header == PAYLOAD_MARKER) {
                if (index == end) {
                    throw new CoapFormatException(FormatError.EMPTY_PAYLOAD_AFTER_MARKER, type, messageId);
                }
                payload = Arrays.copyOfRange(in, index, end);
                break;
            }
            int delta = header >> 4;
            int length = header & 0x0f;
            if (delta == 15 || length == 15) {
                throw new CoapFormatException(FormatError.RESERVED_OPTION_NIBBLE, type, messageId);
            }
            if (delta >= 13) {
                int extra = delta - 12;
                if (end - index < extra) {
                    throw new CoapFormatException(FormatError.TRUNCATED_OPTION_EXTENSION, type, messageId);
                }
                delta = delta == 13 ? (in[index] & 0xff) + 13 : unsignedShort(in, index) + 269;
                index += extra;
            }
            if (length >= 13) {
                int extra = length - 12;
                if (end - index < extra) {
                    throw new CoapFormatException(FormatError.TRUNCATED_OPTION_EXTENSION, type, messageId);
                }
                length = length == 13 ? (in[index] & 0xff) + 13 : unsignedShort(in, index) + 269;
                index += extra;
            }
            number += delta;
            if (number > CoapOption.MAX_NUMBER) {
                throw new CoapFormatException(FormatError.OPTION_NUMBER_OVERFLOW, type, messageId);
            }
            if (end - index < length) {
                throw new CoapFormatException(FormatError.OPTION_PAST_END, type, messageId);
            }
            byte[] value = CoapMessage.NO_BYTES;
            if (length > 0) {
                value = Arrays.copyOfRange(in, index, index + length);
                index += length;
            }
            if (numbers == null) {
                numbers = new int[4];
                values = new byte[4][];
            } else if (count == numbers.length) {
                numbers = Arrays.copyOf(numbers, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            numbers[count] = number;
            values[count] = value;
            count++;
        }
        CoapOptions options = count == 0 ? CoapOptions.EMPTY : new CoapOptions(numbers, values, count);
        return new CoapMessage(type, code, messageId, token, options, payload);
    }

    private static int unsignedShort(byte[] in, int index) {
        return ((in[index] & 0xff) << 8) | (in[index + 1] & 0xff);
    }

    /**
     * @param message a message
     * @return an upper bound of its encoded size in bytes
     */
    public static int maxEncodedSize(CoapMessage message) {
        int size = 4 + message.token().length + 1 + message.payload().length;
        CoapOptions options = message.options();
        for (int i = 0; i < options.size(); i++) {
            size += 5 + options.value(i).length;
        }
        return size;
    }

    /**
     * Encodes a message at the writer index.
     *
     * @param message the message
     * @param out the buffer to write to
     */
    public static void encode(CoapMessage message, ByteBuf out) {
        byte[] token = message.token();
        out.writeByte((VERSION << 6) | (message.type().ordinal() << 4) | token.length);
        out.writeByte(message.code().value());
        out.writeShort(message.messageId());
        if (message.isEmpty()) {
            return;
        }
        out.writeBytes(token);
        CoapOptions options = message.options();
        int previous = 0;
        for (int i = 0; i < options.size(); i++) {
            int number = options.number(i);
            byte[] value = options.value(i);
            int delta = number - previous;
            previous = number;
            int length = value.length;
            out.writeByte((nibble(delta) << 4) | nibble(length));
            extension(out, delta);
            extension(out, length);
            out.writeBytes(value);
        }
        byte[] payload = message.payload();
        if (payload.length > 0) {
            out.writeByte(PAYLOAD_MARKER);
            out.writeBytes(payload);
        }
    }

    private static int nibble(int value) {
        return value < 13 ? value : value < 269 ? 13 : 14;
    }

    private static void extension(ByteBuf out, int value) {
        if (value >= 269) {
            out.writeShort(value - 269);
        } else if (value >= 13) {
            out.writeByte(value - 13);
        }
    }
}
