package io.tributary.nats;

import java.time.Duration;

import io.nats.client.ReconnectDelayHandler;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The wait before each round of reconnect attempts (one round tries every known server): {@code reconnect-wait},
 * doubled each round up to {@code reconnect-wait-max}, so a gateway whose server is gone for long knocks rarely.
 */
final class ReconnectBackoff implements ReconnectDelayHandler {

    private final Duration first;
    private final Duration max;

    /**
     * @param first the wait after the first failed round
     * @param max the longest wait
     */
    ReconnectBackoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /**
     * @param rounds rounds of attempts made so far, from 1
     * @return the wait before the next round
     */
    @Override
    public Duration getWaitTime(long rounds) {
        long doublings = Math.max(0, Math.min(rounds - 1, 30));
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
    }

    /** @return a Reactor retry that waits as the reconnects do, forever */
    Retry retry() {
        return Retry.from(failures -> failures.concatMap(failure ->
                Mono.delay(getWaitTime(failure.totalRetries() + 1))));
    }
}
