package io.tributary.coap.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoapCodecTest {

    static CoapMessage decodeHex(String hex) throws CoapFormatException {
        return CoapCodec.decode(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", ""))));
    }

    static byte[] encode(CoapMessage message) {
        ByteBuf buffer = Unpooled.buffer();
        CoapCodec.encode(message, buffer);
        return ByteBufUtil.getBytes(buffer);
    }

    static CoapMessage typicalGet() {
        return CoapMessage.builder(CoapType.CON, CoapCode.GET).messageId(0x1234)
                .token(new byte[] {1, 2, 3, 4})
                .options(CoapOptions.builder().uriPath("/sensors/temp").add(CoapOption.URI_QUERY, "unit=c")
                        .addUint(CoapOption.ACCEPT, 0).build())
                .build();
    }

    @Test
    @DisplayName("§3: a GET encodes to the header, token, delta-encoded options, and decodes back equal")
    void knownEncoding() throws CoapFormatException {
        CoapMessage get = CoapMessage.builder(CoapType.CON, CoapCode.GET).messageId(0x7d34)
                .options(CoapOptions.builder().add(CoapOption.URI_PATH, "temperature").build()).build();
        assertThat(ByteBufUtil.hexDump(encode(get))).isEqualTo("40017d34" + "bb" + "74656d7065726174757265");
        assertThat(CoapCodec.decode(Unpooled.wrappedBuffer(encode(get)))).isEqualTo(get);
    }

    @Test
    @DisplayName("§3.1: deltas and lengths 12, 13, 268, 269 and a 300-byte value use 0, 1 and 2 extension bytes")
    void extendedOptions() throws CoapFormatException {
        CoapMessage message = CoapMessage.builder(CoapType.NON, CoapCode.POST).messageId(1)
                .options(CoapOptions.builder()
                        .add(12, filled(12))          // delta 12, length 12: both in the nibble
                        .add(25, filled(13))          // delta 13, length 13: nibble 13, one byte each of 0
                        .add(293, filled(268))        // delta 268, length 268: nibble 13, one byte each of 255
                        .add(562, filled(269))        // delta 269, length 269: nibble 14, two bytes each of 0
                        .add(862, filled(300))        // delta 300, length 300: nibble 14, two bytes each of 31
                        .build())
                .build();
        String expected = "50020001"
                + "cc" + "aa".repeat(12)
                + "dd" + "00" + "00" + "aa".repeat(13)
                + "dd" + "ff" + "ff" + "aa".repeat(268)
                + "ee" + "0000" + "0000" + "aa".repeat(269)
                + "ee" + "001f" + "001f" + "aa".repeat(300);
        assertThat(ByteBufUtil.hexDump(encode(message))).isEqualTo(expected);
        assertThat(decodeHex(expected)).isEqualTo(message);
    }

    @Test
    @DisplayName("§3.1: the largest option number, 65535, is reached with a two-byte delta extension")
    void largestOptionNumber() throws CoapFormatException {
        CoapMessage message = CoapMessage.builder(CoapType.CON, CoapCode.GET).messageId(2)
                .options(CoapOptions.builder().add(65535, new byte[0]).build()).build();
        // 65535 = 269 + 0xfef2
        assertThat(ByteBufUtil.hexDump(encode(message))).isEqualTo("40010002" + "e0" + "fef2");
        assertThat(decodeHex("40010002 e0fef2")).isEqualTo(message);
    }

    private static byte[] filled(int length) {
        byte[] value = new byte[length];
        Arrays.fill(value, (byte) 0xaa);
        return value;
    }

    @Test
    @DisplayName("§4.1: an empty message is exactly the 4-byte header with code 0.00")
    void emptyMessage() throws CoapFormatException {
        CoapMessage rst = CoapMessage.empty(CoapType.RST, 0xbeef);
        assertThat(ByteBufUtil.hexDump(encode(rst))).isEqualTo("7000beef");
        assertThat(decodeHex("7000beef")).isEqualTo(rst);
        assertThat(decodeHex("4000beef").isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "TRUNCATED_HEADER, 4001",
            "TRUNCATED_HEADER, ''",
            "BAD_VERSION, 80010001",
            "BAD_TOKEN_LENGTH, 49010001 010203040506070809",
            "BAD_TOKEN_LENGTH, 4f010001",
            "TRUNCATED_TOKEN, 44010001 0102",
            "NON_EMPTY_EMPTY_MESSAGE, 41000001 01",
            "NON_EMPTY_EMPTY_MESSAGE, 40000001 ff01",
            "RESERVED_CODE_CLASS, 40200001",
            "RESERVED_CODE_CLASS, 40e00001",
            "TYPE_CODE_MISMATCH, 60010001",
            "TYPE_CODE_MISMATCH, 70450001",
            "RESERVED_OPTION_NIBBLE, 40010001 f0",
            "RESERVED_OPTION_NIBBLE, 40010001 1f",
            "TRUNCATED_OPTION_EXTENSION, 40010001 d0",
            "TRUNCATED_OPTION_EXTENSION, 40010001 e000",
            "TRUNCATED_OPTION_EXTENSION, 40010001 0d",
            "TRUNCATED_OPTION_EXTENSION, 40010001 0e01",
            "OPTION_PAST_END, 40010001 b3 6162",
            "OPTION_PAST_END, 40010001 0d05 0102",
            "OPTION_NUMBER_OVERFLOW, 40010001 e0fef3 e00100",
            "EMPTY_PAYLOAD_AFTER_MARKER, 40010001 ff",
    })
    @DisplayName("every malformed case of coap.md is a typed format error")
    void malformed(FormatError expected, String hex) {
        assertThatThrownBy(() -> decodeHex(hex))
                .isInstanceOfSatisfying(CoapFormatException.class, e -> assertThat(e.error()).isEqualTo(expected));
    }

    @Test
    @DisplayName("§4.2/§4.3: a malformed CON is to be reset, a malformed NON and an unknown version are not")
    void resetDecision() {
        assertThatThrownBy(() -> decodeHex("40010001 f0")).isInstanceOfSatisfying(CoapFormatException.class,
                e -> assertThat(e.rejectWithReset()).isTrue());
        assertThatThrownBy(() -> decodeHex("50010001 f0")).isInstanceOfSatisfying(CoapFormatException.class,
                e -> assertThat(e.rejectWithReset()).isFalse());
        assertThatThrownBy(() -> decodeHex("80010001")).isInstanceOfSatisfying(CoapFormatException.class,
                e -> assertThat(e.rejectWithReset()).isFalse());
        assertThatThrownBy(() -> decodeHex("40")).isInstanceOfSatisfying(CoapFormatException.class,
                e -> assertThat(e.rejectWithReset()).isFalse());
    }

    @Test
    @DisplayName("every truncation of a valid message is a format error or a shorter valid message, never a crash")
    void everyTruncation() {
        byte[] wire = encode(typicalGet().toBuilder().payload(new byte[] {1, 2, 3}).build());
        for (int length = 0; length < wire.length; length++) {
            ByteBuf prefix = Unpooled.wrappedBuffer(wire, 0, length);
            try {
                CoapMessage decoded = CoapCodec.decode(prefix);
                assertThat(encode(decoded)).as("re-encoding of the %d-byte prefix", length)
                        .isEqualTo(Arrays.copyOf(wire, length));
            } catch (CoapFormatException expected) {
                assertThat(expected.error()).isNotNull();
            }
        }
    }

    @RepeatedTest(200)
    @DisplayName("decode(encode(m)) equals m for random well-formed messages")
    void roundTrip(RepetitionInfo repetition) throws CoapFormatException {
        Random random = new Random(repetition.getCurrentRepetition());
        CoapMessage message = randomMessage(random);
        assertThat(CoapCodec.decode(Unpooled.wrappedBuffer(encode(message)))).isEqualTo(message);
        assertThat(encode(message).length).isLessThanOrEqualTo(CoapCodec.maxEncodedSize(message));
    }

    static CoapMessage randomMessage(Random random) {
        CoapType type = CoapType.of(random.nextInt(3));
        CoapCode code = type == CoapType.ACK ? CoapCode.of(2 + random.nextInt(4), random.nextInt(32))
                : random.nextBoolean() ? CoapCode.of(1 + random.nextInt(7))
                : CoapCode.of(2 + random.nextInt(4), random.nextInt(32));
        byte[] token = new byte[random.nextInt(9)];
        random.nextBytes(token);
        CoapOptions.Builder options = CoapOptions.builder();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            int number = random.nextInt(4) == 0 ? random.nextInt(65536) : random.nextInt(300);
            byte[] value = new byte[random.nextInt(4) == 0 ? random.nextInt(400) : random.nextInt(14)];
            random.nextBytes(value);
            options.add(number, value);
        }
        byte[] payload = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(200)];
        random.nextBytes(payload);
        return CoapMessage.builder(type, code).messageId(random.nextInt(65536)).token(token)
                .options(options.build()).payload(payload).build();
    }
}
