package io.tributary.upnp.subscriber;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The subscriber's meters: {@code tributary.upnp.subscriber.subscriptions} (gauge of subscriptions with a SID),
 * {@code tributary.upnp.subscriber.events}, {@code tributary.upnp.subscriber.coalesced},
 * {@code tributary.upnp.subscriber.gaps{reason}}, {@code tributary.upnp.subscriber.requests{type,outcome}} and
 * {@code tributary.upnp.callback.rejected{reason}} for NOTIFYs the callback server refused.
 */
final class SubscriberMeters {

    final AtomicInteger active = new AtomicInteger();
    final Counter events;
    final Counter coalesced;
    private final MeterRegistry registry;
    private final Map<GenaEvent.GapReason, Counter> gaps = new EnumMap<>(GenaEvent.GapReason.class);
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    SubscriberMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("tributary.upnp.subscriber.subscriptions", active, AtomicInteger::get).strongReference(true)
                .description("GENA subscriptions the gateway holds at publishers").register(registry);
        events = Counter.builder("tributary.upnp.subscriber.events")
                .description("events received in order and passed on").register(registry);
        coalesced = Counter.builder("tributary.upnp.subscriber.coalesced")
                .description("events merged, or dropped before a gap, because a consumer fell behind")
                .register(registry);
        for (GenaEvent.GapReason reason : GenaEvent.GapReason.values()) {
            gaps.put(reason, Counter.builder("tributary.upnp.subscriber.gaps").tag("reason", reason.tag())
                    .description("losses of continuity, each followed by a re-subscription").register(registry));
        }
        for (String reason : new String[] {"nt-nts-missing", "nt-nts-invalid", "unknown-sid", "seq-invalid",
                "body-too-large", "malformed-body", "method"}) {
            callbackRejected(reason, 0);
        }
    }

    void gap(GenaEvent.GapReason reason) {
        gaps.get(reason).increment();
    }

    void request(String type, boolean ok) {
        counters.computeIfAbsent("request/" + type + "/" + ok, key -> Counter.builder("tributary.upnp.subscriber.requests")
                .tag("type", type).tag("outcome", ok ? "ok" : "failed")
                .description("SUBSCRIBE, renewal and UNSUBSCRIBE requests sent").register(registry)).increment();
    }

    void callbackRejected(String reason) {
        callbackRejected(reason, 1);
    }

    private void callbackRejected(String reason, int amount) {
        counters.computeIfAbsent("callback/" + reason, key -> Counter.builder("tributary.upnp.callback.rejected")
                .tag("reason", reason).description("NOTIFY requests refused by the callback server")
                .register(registry)).increment(amount);
    }
}
