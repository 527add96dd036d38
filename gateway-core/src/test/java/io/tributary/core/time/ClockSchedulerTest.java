package io.tributary.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;

class ClockSchedulerTest {

    private final VirtualClock clock = new VirtualClock();
    private final ClockScheduler scheduler = new ClockScheduler(clock);

    @Test
    @DisplayName("Mono.delay on the scheduler fires when the virtual clock reaches the delay, not before")
    void delay() {
        List<Long> fired = new ArrayList<>();
        Disposable delay = Mono.delay(Duration.ofSeconds(5), scheduler).subscribe(fired::add);
        clock.advance(Duration.ofMillis(4999));
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(fired).containsExactly(0L);
        assertThat(delay.isDisposed()).isTrue();
    }

    @Test
    @DisplayName("disposing a delayed task cancels it on the clock")
    void cancel() {
        Disposable delay = Mono.delay(Duration.ofSeconds(1), scheduler).subscribe();
        assertThat(clock.pending()).isEqualTo(1);
        delay.dispose();
        assertThat(clock.pending()).isZero();
    }

    @Test
    @DisplayName("Retry.backoff on the scheduler waits 1 s, 2 s, 4 s of clock time between attempts")
    void backoff() {
        List<Long> attempts = new ArrayList<>();
        Mono<String> failing = Mono.defer(() -> {
            attempts.add(TimeUnit.NANOSECONDS.toMillis(clock.nanoTime()));
            return Mono.error(new IllegalStateException("refused"));
        });
        StepVerifier.create(failing.retryWhen(Retry.backoff(3, Duration.ofSeconds(1)).jitter(0).scheduler(scheduler)))
                .then(() -> clock.advance(Duration.ofSeconds(7)))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("Retries exhausted: 3/3"))
                .verify(Duration.ofSeconds(5));
        assertThat(attempts).containsExactly(0L, 1000L, 3000L, 7000L);
    }

    @Test
    @DisplayName("now() is the clock's time; a disposed worker cancels its tasks and refuses new ones")
    void workerAndNow() {
        clock.advance(Duration.ofSeconds(3));
        assertThat(scheduler.now(TimeUnit.MILLISECONDS)).isEqualTo(3000);
        Scheduler.Worker worker = scheduler.createWorker();
        List<String> ran = new ArrayList<>();
        worker.schedule(() -> ran.add("a"), 1, TimeUnit.SECONDS);
        worker.schedule(() -> ran.add("b"), 2, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(1));
        worker.dispose();
        clock.advance(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("a");
        assertThat(worker.isDisposed()).isTrue();
        assertThat(clock.pending()).isZero();
    }
}
