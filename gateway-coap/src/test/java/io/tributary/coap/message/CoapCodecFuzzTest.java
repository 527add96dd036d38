package io.tributary.coap.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Fuzzes the decoder: any byte string either decodes to a message that re-encodes to the same bytes, or fails
 * with a typed {@link CoapFormatException}; any other exception fails the test. In {@code mvn verify} this runs
 * the seed corpus ({@code CoapCodecFuzzTestInputs}) in regression mode; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class CoapCodecFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decodeNeverThrowsUntyped(byte[] datagram) {
        CoapMessage message;
        try {
            message = CoapCodec.decode(Unpooled.wrappedBuffer(datagram));
        } catch (CoapFormatException e) {
            assertThat(e.error()).isNotNull();
            return;
        }
        ByteBuf encoded = Unpooled.buffer();
        CoapCodec.encode(message, encoded);
        // The wire format has exactly one encoding per message (extension offsets make it unique).
        assertThat(ByteBufUtil.getBytes(encoded)).isEqualTo(datagram);
    }
}
