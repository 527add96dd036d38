package io.tributary.coap.adapter;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.ContentFormat;
import io.tributary.core.Message;
import io.tributary.core.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Reads one configured device at its interval and publishes each successful response as a retained message; a
 * failed read (timeout, reset, error code) is logged and counted, and polling goes on.
 */
final class DevicePoller {

    private static final Logger LOG = LoggerFactory.getLogger(DevicePoller.class);

    private final DevicePoll poll;
    private final CoapClient client;
    private final Router router;
    private final Counter failures;
    private final Counter reads;

    DevicePoller(DevicePoll poll, CoapClient client, Router router, MeterRegistry registry) {
        this.poll = poll;
        this.client = client.confirmable(poll.confirmable());
        this.router = router;
        this.failures = Counter.builder("tributary.coap.poll.failures").tag("device", poll.name())
                .description("device reads that failed").register(registry);
        this.reads = Counter.builder("tributary.coap.poll.reads").tag("device", poll.name())
                .description("device reads published").register(registry);
    }

    /** Starts polling now and then every interval; the first read happens at once. */
    Disposable start(Scheduler scheduler) {
        return Flux.interval(Duration.ZERO, poll.interval(), scheduler)
                .onBackpressureDrop(tick -> LOG.debug("poll of {} still running; tick skipped", poll.name()))
                .concatMap(tick -> readOnce(), 1)
                .subscribe();
    }

    Mono<Void> readOnce() {
        return client.get(poll.uri())
                .doOnNext(this::publish)
                .onErrorResume(failure -> {
                    failures.increment();
                    LOG.warn("poll of {} ({}) failed: {}", poll.name(), poll.uri(), failure.getMessage());
                    return Mono.empty();
                })
                .then();
    }

    private void publish(CoapResponse response) {
        if (!response.isSuccess()) {
            failures.increment();
            LOG.warn("poll of {} ({}) answered {}", poll.name(), poll.uri(), response);
            return;
        }
        ContentFormat format = response.contentFormat();
        router.publish(Message.builder(poll.topic()).payload(response.payload())
                .contentType(format != null ? format.mediaType() : null)
                .attributes(Map.of(Message.ORIGIN, "coap", Message.PEER, String.valueOf(response.peer())))
                .retain(true).build());
        reads.increment();
    }
}
