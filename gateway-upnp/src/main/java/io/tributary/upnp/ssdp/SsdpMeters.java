package io.tributary.upnp.ssdp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The SSDP meters: {@code tributary.upnp.ssdp.received{type=notify|search|response}},
 * {@code tributary.upnp.ssdp.dropped{reason}} for datagrams dropped unanswered (malformed, off-subnet, rate-limited,
 * bad search headers), {@code tributary.upnp.ssdp.searches{result=answered|no-match}} and
 * {@code tributary.upnp.ssdp.sent{type=alive|byebye|update|response}}.
 */
final class SsdpMeters {

    /** Every drop reason, registered at zero so dashboards see them before the first drop. */
    static final String[] DROP_REASONS = {"too-large", "too-many-headers", "not-http", "bad-header", "off-subnet",
        "rate-limited", "man-invalid", "mx-invalid", "st-missing"};

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    SsdpMeters(MeterRegistry registry) {
        this.registry = registry;
        for (String reason : DROP_REASONS) {
            counter("tributary.upnp.ssdp.dropped", "reason", reason, "SSDP datagrams dropped unanswered");
        }
        for (String type : new String[] {"alive", "byebye", "update", "response"}) {
            counter("tributary.upnp.ssdp.sent", "type", type, "SSDP messages sent");
        }
        for (String type : new String[] {"notify", "search", "response"}) {
            counter("tributary.upnp.ssdp.received", "type", type, "SSDP messages received");
        }
        for (String result : new String[] {"answered", "no-match"}) {
            counter("tributary.upnp.ssdp.searches", "result", result, "M-SEARCHes accepted, by result");
        }
    }

    void dropped(String reason) {
        counter("tributary.upnp.ssdp.dropped", "reason", reason, "SSDP datagrams dropped unanswered").increment();
    }

    void sent(String type, int count) {
        counter("tributary.upnp.ssdp.sent", "type", type, "SSDP messages sent").increment(count);
    }

    void received(String type) {
        counter("tributary.upnp.ssdp.received", "type", type, "SSDP messages received").increment();
    }

    void search(String result) {
        counter("tributary.upnp.ssdp.searches", "result", result, "M-SEARCHes accepted, by result").increment();
    }

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + "/" + value, key -> Counter.builder(name).tag(tag, value)
                .description(description).register(registry));
    }
}
