package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tributary.core.time.VirtualClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimerWheelTest {

    private final VirtualClock timer = new VirtualClock();
    private final TimerWheel wheel = new TimerWheel(timer, TimeUnit.MILLISECONDS.toNanos(1), 64);
    private final List<String> fired = new ArrayList<>();

    private WheelTask task(String name) {
        return new WheelTask() {
            @Override
            protected void expire() {
                fired.add(name + "@" + timer.nanoTime() / 1_000_000);
            }
        };
    }

    @Test
    @DisplayName("tasks fire at their deadline (to the tick), including deadlines several rotations ahead")
    void deadlines() {
        wheel.arm(task("a"), TimeUnit.MILLISECONDS.toNanos(5));
        wheel.arm(task("b"), TimeUnit.MILLISECONDS.toNanos(200));
        wheel.arm(task("c"), TimeUnit.MILLISECONDS.toNanos(64));
        timer.advance(Duration.ofMillis(300));
        assertThat(fired).containsExactly("a@5", "c@64", "b@200");
        assertThat(wheel.size()).isZero();
    }

    @Test
    @DisplayName("cancel removes a task from anywhere in its bucket; re-arming moves it")
    void cancelAndRearm() {
        WheelTask a = task("a");
        WheelTask b = task("b");
        WheelTask c = task("c");
        wheel.arm(a, TimeUnit.MILLISECONDS.toNanos(10));
        wheel.arm(b, TimeUnit.MILLISECONDS.toNanos(10));
        wheel.arm(c, TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(wheel.cancel(b)).isTrue();
        assertThat(wheel.cancel(b)).isFalse();
        wheel.arm(a, TimeUnit.MILLISECONDS.toNanos(20));
        timer.advance(Duration.ofMillis(30));
        assertThat(fired).containsExactly("c@10", "a@20");
    }

    @Test
    @DisplayName("a task that re-arms itself from expire() fires again later, never in a loop")
    void rearmFromExpire() {
        int[] count = {0};
        WheelTask repeating = new WheelTask() {
            @Override
            protected void expire() {
                if (++count[0] < 3) {
                    wheel.arm(this, 0);
                }
            }
        };
        wheel.arm(repeating, 0);
        timer.advance(Duration.ofMillis(10));
        assertThat(count[0]).isEqualTo(3);
    }

    @Test
    @DisplayName("a task armed for before the next scheduled tick fires at its own deadline, not at that tick")
    void earlierTaskAfterLaterOne() {
        wheel.arm(task("late"), TimeUnit.SECONDS.toNanos(93));
        wheel.arm(task("early"), TimeUnit.MILLISECONDS.toNanos(10));
        timer.advance(Duration.ofMillis(10));
        assertThat(fired).containsExactly("early@10");
        timer.advance(Duration.ofSeconds(93));
        assertThat(fired).containsExactly("early@10", "late@93000");
    }

    @Test
    @DisplayName("the wheel stops ticking when empty")
    void stopsWhenEmpty() {
        wheel.arm(task("a"), TimeUnit.MILLISECONDS.toNanos(1));
        timer.advance(Duration.ofMillis(5));
        assertThat(timer.pending()).isZero();
    }
}
