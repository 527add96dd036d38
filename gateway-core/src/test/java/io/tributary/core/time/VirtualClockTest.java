package io.tributary.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    @DisplayName("tasks run in deadline order, only when the clock reaches them, and cancelled ones never")
    void order() {
        VirtualClock timer = new VirtualClock();
        List<String> ran = new ArrayList<>();
        timer.schedule(() -> ran.add("b@2s"), 2, TimeUnit.SECONDS);
        timer.schedule(() -> ran.add("a@1s"), 1, TimeUnit.SECONDS);
        Cancellable cancelled = timer.schedule(() -> ran.add("never"), 1500, TimeUnit.MILLISECONDS);
        timer.schedule(() -> {
            ran.add("c@3s");
            timer.schedule(() -> ran.add("d@3.5s"), 500, TimeUnit.MILLISECONDS);
        }, 3, TimeUnit.SECONDS);
        assertThat(cancelled.cancel()).isTrue();
        assertThat(cancelled.cancel()).isFalse();
        timer.advance(Duration.ofMillis(999));
        assertThat(ran).isEmpty();
        timer.advance(Duration.ofMillis(1));
        assertThat(ran).containsExactly("a@1s");
        timer.advance(Duration.ofSeconds(10));
        assertThat(ran).containsExactly("a@1s", "b@2s", "c@3s", "d@3.5s");
        assertThat(timer.nanoTime()).isEqualTo(Duration.ofSeconds(11).toNanos());
        assertThat(timer.pending()).isZero();
    }
}
