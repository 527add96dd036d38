package io.tributary.upnp.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RenewalTimingTest {

    private final RenewalTiming timing = new RenewalTiming(1800, 0.1, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    @DisplayName("gena.md: renewal at half the granted time, plus or minus the jitter, never sooner than 500 ms")
    void renewal() {
        assertThat(new RenewalTiming(1800, 0, Duration.ofSeconds(1), Duration.ofMinutes(5)).renewal(1800))
                .isEqualTo(Duration.ofSeconds(900));
        for (int i = 0; i < 100; i++) {
            assertThat(timing.renewal(1800)).isBetween(Duration.ofSeconds(810), Duration.ofSeconds(990));
        }
        assertThat(timing.renewal(0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    @DisplayName("a publisher that names no grant is renewed by the TIMEOUT asked")
    void granted() {
        assertThat(timing.granted(300)).isEqualTo(300);
        assertThat(timing.granted(-1)).isEqualTo(1800);
    }

    @Test
    @DisplayName("back-off doubles from min-backoff and stays at max-backoff")
    void backoff() {
        assertThat(timing.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(timing.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(timing.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(timing.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(timing.backoff(40)).isEqualTo(Duration.ofSeconds(5));
    }
}
