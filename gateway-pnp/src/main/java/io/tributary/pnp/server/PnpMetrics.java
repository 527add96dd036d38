package io.tributary.pnp.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The server's meters: {@code tributary.pnp.requests{endpoint,outcome}} for every HTTP exchange and
 * {@code tributary.pnp.rejected{reason}} for every refused document.
 */
final class PnpMetrics {

    private final MeterRegistry registry;
    // registry lookups cost more than the increment; tag values come from a small fixed set
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    PnpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(String endpoint, String outcome) {
        counters.computeIfAbsent("requests/" + endpoint + '/' + outcome, key -> Counter
                .builder("tributary.pnp.requests").tag("endpoint", endpoint).tag("outcome", outcome)
                .description("PnP HTTP exchanges by endpoint and outcome").register(registry)).increment();
    }

    void rejected(String reason) {
        counters.computeIfAbsent("rejected/" + reason, key -> Counter.builder("tributary.pnp.rejected")
                .tag("reason", reason).description("PnP documents refused, by reason").register(registry))
                .increment();
    }
}
