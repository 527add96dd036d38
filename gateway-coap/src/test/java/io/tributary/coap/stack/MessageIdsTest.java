package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private static final long LIFETIME = TimeUnit.SECONDS.toNanos(247);
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.1", 5683);

    @Test
    @DisplayName("§4.4: IDs toward one peer are not reused within EXCHANGE_LIFETIME; exhaustion is refused")
    void noReuseWithinLifetime() {
        MessageIds ids = new MessageIds(LIFETIME, 10);
        Set<Integer> seen = new HashSet<>();
        int refused = 0;
        for (int i = 0; i < 70_000; i++) {
            int id = ids.next(PEER, i);
            if (id < 0) {
                refused++;
            } else {
                assertThat(seen.add(id)).as("ID %d handed out twice", id).isTrue();
            }
        }
        assertThat(seen.size()).isGreaterThan(64_000);
        assertThat(refused).isGreaterThan(0);
        assertThat(ids.next(PEER, LIFETIME + 70_000)).isNotNegative();
    }

    @Test
    @DisplayName("each peer has its own sequence")
    void perPeer() {
        MessageIds ids = new MessageIds(LIFETIME, 10);
        int a = ids.next(PEER, 0);
        int b = ids.next(new InetSocketAddress("192.0.2.2", 5683), 0);
        assertThat(ids.next(PEER, 1)).isEqualTo((a + 1) & 0xffff);
        assertThat(b).isBetween(0, 65535);
    }
}
