package io.tributary.coap.plugtest;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import io.tributary.coap.CoapResponse;
import io.tributary.coap.message.CoapCode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The state of an observable plugtest resource: it changes every period while observed (a counter), takes the
 * representation a PUT gives it, and is gone after a DELETE (4.04) until a PUT brings it back.
 */
final class ObservedValue {

    private final IntFunction<CoapResponse> tick;
    private final Duration period;
    private final Scheduler scheduler;
    private final AtomicInteger ticks = new AtomicInteger();
    private final AtomicReference<CoapResponse> current = new AtomicReference<>();
    private final Sinks.Many<CoapResponse> updates = Sinks.many().multicast().directBestEffort();

    ObservedValue(IntFunction<CoapResponse> tick, Duration period, Scheduler scheduler) {
        this.tick = tick;
        this.period = period;
        this.scheduler = scheduler;
        current.set(tick.apply(0));
    }

    /** @return the current state, then each change: a tick per period, or a PUT or DELETE */
    Flux<CoapResponse> states() {
        Mono<CoapResponse> ticking = Flux.interval(period, scheduler)
                .filter(ignored -> current.get().isSuccess())
                .doOnNext(ignored -> set(tick.apply(ticks.incrementAndGet())))
                .then(Mono.empty());
        return Flux.concat(Mono.fromSupplier(current::get), Flux.merge(updates.asFlux(), ticking));
    }

    /** @return the current state */
    CoapResponse current() {
        return current.get();
    }

    /** Replaces the state, notifying the observers. */
    CoapResponse set(CoapResponse state) {
        current.set(state);
        updates.tryEmitNext(state);
        return state;
    }

    /** The resource is gone: observers get a final 4.04. */
    void delete() {
        set(CoapResponse.error(CoapCode.NOT_FOUND, "deleted"));
    }
}
