package io.tributary.upnp.discovery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The discovery meters: {@code tributary.upnp.discovery.devices} (gauge of root devices in the registry),
 * {@code tributary.upnp.discovery.descriptions{outcome=ok|failed|too-large|malformed}} and
 * {@code tributary.upnp.discovery.ignored{reason=registry-full|location-out-of-scope|link-local-location}} for
 * announcements left out.
 */
final class DiscoveryMeters {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    DiscoveryMeters(MeterRegistry registry) {
        this.registry = registry;
        for (String outcome : new String[] {"ok", "failed", "too-large", "malformed"}) {
            counter("tributary.upnp.discovery.descriptions", "outcome", outcome, "device descriptions fetched");
        }
        for (String reason : new String[] {"registry-full", "location-out-of-scope", "link-local-location"}) {
            counter("tributary.upnp.discovery.ignored", "reason", reason, "announcements left out of the registry");
        }
    }

    /** @param devices counts the root devices in the registry, for the gauge */
    void devices(Supplier<Number> devices) {
        Gauge.builder("tributary.upnp.discovery.devices", devices).strongReference(true)
                .description("root devices in the discovery registry").register(registry);
    }

    void description(String outcome) {
        counter("tributary.upnp.discovery.descriptions", "outcome", outcome, "device descriptions fetched")
                .increment();
    }

    void ignored(String reason) {
        counter("tributary.upnp.discovery.ignored", "reason", reason, "announcements left out of the registry")
                .increment();
    }

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + "/" + value, key -> Counter.builder(name).tag(tag, value)
                .description(description).register(registry));
    }
}
