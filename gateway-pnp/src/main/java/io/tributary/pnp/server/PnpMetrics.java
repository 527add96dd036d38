package io.tributary.pnp.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The server's meters: {@code tributary.pnp.requests{endpoint,outcome}} for every HTTP exchange,
 * {@code tributary.pnp.rejected{reason}} for every refused document, {@code tributary.pnp.service.time{service}}
 * for every accepted response and {@code tributary.pnp.outstanding.forgotten} for every outstanding request
 * dropped from a full table.
 */
final class PnpMetrics {

    private final MeterRegistry registry;
    // registry lookups cost more than the increment; tag values come from a small fixed set
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    PnpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(String endpoint, String outcome) {
        counters.computeIfAbsent("requests/" + endpoint + '/' + outcome, key -> Counter
                .builder("tributary.pnp.requests").tag("endpoint", endpoint).tag("outcome", outcome)
                .description("PnP HTTP exchanges by endpoint and outcome").register(registry)).increment();
    }

    /** How long the agent took from receiving a request to answering it (including its work on the device). */
    void serviceTime(String service, long nanos) {
        timers.computeIfAbsent(service, key -> Timer.builder("tributary.pnp.service.time").tag("service", service)
                .description("time from sending a PnP service request to receiving its response")
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    void forgotten() {
        counters.computeIfAbsent("forgotten", key -> Counter.builder("tributary.pnp.outstanding.forgotten")
                .description("PnP outstanding requests forgotten to make room; their answers get 400")
                .register(registry)).increment();
    }

    void rejected(String reason) {
        counters.computeIfAbsent("rejected/" + reason, key -> Counter.builder("tributary.pnp.rejected")
                .tag("reason", reason).description("PnP documents refused, by reason").register(registry))
                .increment();
    }
}
