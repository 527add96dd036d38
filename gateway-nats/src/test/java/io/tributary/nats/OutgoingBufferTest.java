package io.tributary.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.nats.client.impl.Headers;
import io.tributary.core.Overflow;
import io.tributary.core.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutgoingBufferTest {

    private final List<String> dropped = new ArrayList<>();

    /** A message of exactly {@code 64 + 1 + payload} bytes: overhead, one-letter subject, no headers. */
    private static Outgoing message(String payload) {
        return new Outgoing(Topic.of("t"), "t", new Headers(), payload.getBytes(), false);
    }

    private OutgoingBuffer buffer(Overflow overflow) {
        // room for three 75-byte messages
        return new OutgoingBuffer(3 * 75, overflow, message -> dropped.add(new String(message.payload())));
    }

    @Test
    @DisplayName("a message's size is the overhead, the subject, the serialized headers and the payload")
    void size() {
        assertThat(message("0123456789").size()).isEqualTo(75);
        Outgoing withHeaders = new Outgoing(Topic.of("t"), "t", new Headers().put("A", "b"), new byte[10], false);
        assertThat(withHeaders.size()).isEqualTo(75 + new Headers().put("A", "b").serializedLength());
    }

    @Test
    @DisplayName("drop-oldest evicts from the head until the new message fits, and reports each eviction")
    void dropOldest() {
        OutgoingBuffer buffer = buffer(Overflow.DROP_OLDEST);
        for (String payload : List.of("aaaaaaaaa0", "aaaaaaaaa1", "aaaaaaaaa2", "aaaaaaaaa3", "aaaaaaaaa4")) {
            assertThat(buffer.offer(message(payload))).isTrue();
        }
        assertThat(dropped).containsExactly("aaaaaaaaa0", "aaaaaaaaa1");
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.bytes()).isEqualTo(225);
        assertThat(new String(buffer.peek().payload())).isEqualTo("aaaaaaaaa2");
    }

    @Test
    @DisplayName("drop-newest and error refuse the new message and keep the buffer as it is")
    void refuseNewest() {
        for (Overflow overflow : List.of(Overflow.DROP_NEWEST, Overflow.ERROR)) {
            dropped.clear();
            OutgoingBuffer buffer = buffer(overflow);
            for (int i = 0; i < 3; i++) {
                assertThat(buffer.offer(message("aaaaaaaaa" + i))).isTrue();
            }
            assertThat(buffer.offer(message("aaaaaaaaa3"))).isFalse();
            assertThat(dropped).containsExactly("aaaaaaaaa3");
            assertThat(new String(buffer.peek().payload())).isEqualTo("aaaaaaaaa0");
            assertThat(buffer.bytes()).isEqualTo(225);
        }
    }

    @Test
    @DisplayName("a message larger than the whole buffer is refused under every policy, evicting nothing")
    void larger() {
        OutgoingBuffer buffer = buffer(Overflow.DROP_OLDEST);
        buffer.offer(message("small"));
        assertThat(buffer.offer(message("x".repeat(300)))).isFalse();
        assertThat(buffer.size()).isEqualTo(1);
        assertThat(dropped).hasSize(1).allSatisfy(payload -> assertThat(payload).hasSize(300));
    }

    @Test
    @DisplayName("remove takes the sent head only; bytes go down by its size")
    void remove() {
        OutgoingBuffer buffer = buffer(Overflow.DROP_OLDEST);
        Outgoing first = message("aaaaaaaaa0");
        buffer.offer(first);
        buffer.offer(message("aaaaaaaaa1"));
        buffer.remove(message("other"));
        assertThat(buffer.size()).isEqualTo(2);
        buffer.remove(first);
        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.bytes()).isEqualTo(75);
    }
}
