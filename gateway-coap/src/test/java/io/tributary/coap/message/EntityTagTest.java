package io.tributary.coap.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ETags derived from content (RFC 7252 §5.10.6) and the Block and Observe option values (RFC 7959, RFC 7641). */
class EntityTagTest {

    private static final byte[] VALUE = "21.5".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("the same format and bytes give the same 8-byte tag, as a buffer slice or an array")
    void stable() {
        // The values of the algorithm as written in the class comment, computed independently.
        assertThat(HexFormat.of().formatHex(EntityTag.of(VALUE, 0))).isEqualTo("468212207b2d7132");
        assertThat(HexFormat.of().formatHex(EntityTag.of("0123456789abcdefXYZ".getBytes(StandardCharsets.UTF_8),
                50))).isEqualTo("39218fe35bcc8b65");
        ByteBuffer framed = ByteBuffer.wrap("xx21.5yy".getBytes(StandardCharsets.UTF_8), 2, 4);
        assertThat(EntityTag.of(framed, 0)).isEqualTo(EntityTag.of(VALUE, 0));
        assertThat(framed.position()).as("the buffer is not moved").isEqualTo(2);
    }

    @Test
    @DisplayName("another format, one changed byte, or one more byte each give another tag")
    void changes() {
        byte[] changed = VALUE.clone();
        changed[3] ^= 1;
        Set<String> tags = new HashSet<>();
        tags.add(HexFormat.of().formatHex(EntityTag.of(VALUE, 0)));
        tags.add(HexFormat.of().formatHex(EntityTag.of(VALUE, 50)));
        tags.add(HexFormat.of().formatHex(EntityTag.of(changed, 0)));
        tags.add(HexFormat.of().formatHex(EntityTag.of("21.50".getBytes(StandardCharsets.UTF_8), 0)));
        tags.add(HexFormat.of().formatHex(EntityTag.of(new byte[0], 0)));
        assertThat(tags).hasSize(5);
        byte[] large = new byte[4096];
        byte[] other = large.clone();
        other[2049] = 1;
        assertThat(EntityTag.of(other, 42)).isNotEqualTo(EntityTag.of(large, 42));
    }

    @Test
    @DisplayName("RFC 7959 §2.2: Block options encode NUM, M and SZX in as few bytes as the number needs")
    void blockOption() {
        assertThat(new BlockOption(0, false, 0).encode()).isEmpty();
        assertThat(new BlockOption(0, true, 6).encode()).containsExactly(0x0e);
        assertThat(new BlockOption(1, false, 6).encode()).containsExactly(0x16);
        assertThat(new BlockOption(4096, true, 2).encode()).containsExactly(0x01, 0x00, 0x0a);
        assertThat(BlockOption.decode(new byte[] {0x01, 0x00, 0x0a})).isEqualTo(new BlockOption(4096, true, 2));
        assertThat(BlockOption.decode(new byte[4])).as("over 3 bytes").isNull();
        assertThat(new BlockOption(3, false, 5).offset()).isEqualTo(1536);
        assertThat(BlockOption.szx(1024)).isEqualTo(6);
    }
}
