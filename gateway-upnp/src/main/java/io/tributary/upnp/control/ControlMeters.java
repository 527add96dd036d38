package io.tributary.upnp.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The control meters: {@code tributary.upnp.control{result}} for requests that reached a service ({@code ok} or
 * the UPnP error code) and {@code tributary.upnp.control.rejected{reason}} for those refused before
 * ({@code method}, {@code body-too-large}, {@code malformed-body}).
 */
final class ControlMeters {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter ok;

    ControlMeters(MeterRegistry registry) {
        this.registry = registry;
        for (String result : new String[] {"ok", "401", "402", "404", "501"}) {
            result(result, 0);
        }
        for (String reason : new String[] {"method", "body-too-large", "malformed-body"}) {
            rejected(reason, 0);
        }
        this.ok = counters.get("result/ok");
    }

    void ok() {
        ok.increment();
    }

    void fault(int code) {
        // Codes come from our own services; the set stays small.
        result(Integer.toString(code), 1);
    }

    void rejected(String reason) {
        rejected(reason, 1);
    }

    private void result(String result, int amount) {
        counters.computeIfAbsent("result/" + result, key -> Counter.builder("tributary.upnp.control")
                .tag("result", result).description("action requests answered, by result").register(registry))
                .increment(amount);
    }

    private void rejected(String reason, int amount) {
        counters.computeIfAbsent("rejected/" + reason, key -> Counter.builder("tributary.upnp.control.rejected")
                .tag("reason", reason).description("control requests refused before reaching a service")
                .register(registry)).increment(amount);
    }
}
