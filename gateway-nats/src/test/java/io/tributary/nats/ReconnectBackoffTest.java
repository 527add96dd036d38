package io.tributary.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ReconnectBackoffTest {

    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    @DisplayName("the wait doubles each round from reconnect-wait and stays at reconnect-wait-max")
    void doubling() {
        assertThat(backoff.getWaitTime(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.getWaitTime(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.getWaitTime(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.getWaitTime(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.getWaitTime(Long.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("as a Reactor retry it waits 1 s, 2 s, 4 s between attempts (virtual time)")
    void retry() {
        int[] attempts = {0};
        StepVerifier.withVirtualTime(() -> Mono.fromCallable(() -> {
            if (++attempts[0] < 4) {
                throw new IllegalStateException("down");
            }
            return attempts[0];
        }).retryWhen(backoff.retry()))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(6999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(4)
                .verifyComplete();
    }
}
