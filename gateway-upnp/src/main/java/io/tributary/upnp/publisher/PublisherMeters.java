package io.tributary.upnp.publisher;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The publisher's meters: {@code tributary.upnp.subscriptions} (gauge), {@code tributary.upnp.subscribe{type}},
 * {@code tributary.upnp.notify{outcome=sent|failed}}, {@code tributary.upnp.notify.queued},
 * {@code tributary.upnp.notify.coalesced}, {@code tributary.upnp.moderated},
 * {@code tributary.upnp.rejected{reason}}, {@code tributary.upnp.callback.dropped{reason}} and
 * {@code tributary.upnp.subscriptions.ended{reason}}.
 */
final class PublisherMeters {

    final Counter sent;
    final Counter failed;
    final Counter queued;
    final Counter coalesced;
    final Counter moderated;
    final Counter subscribed;
    final Counter renewed;
    final Counter unsubscribed;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Counter> dropped = new EnumMap<>(RejectReason.class);
    private final Map<EndReason, Counter> ended = new EnumMap<>(EndReason.class);

    PublisherMeters(MeterRegistry registry, AtomicInteger active) {
        Gauge.builder("tributary.upnp.subscriptions", active, AtomicInteger::get).strongReference(true)
                .description("GENA subscriptions held by the publisher").register(registry);
        sent = Counter.builder("tributary.upnp.notify").tag("outcome", "sent")
                .description("NOTIFY messages delivered").register(registry);
        failed = Counter.builder("tributary.upnp.notify").tag("outcome", "failed")
                .description("NOTIFY messages no callback URL accepted").register(registry);
        queued = Counter.builder("tributary.upnp.notify.queued")
                .description("event messages queued to subscriptions").register(registry);
        coalesced = Counter.builder("tributary.upnp.notify.coalesced")
                .description("event messages merged into a waiting message because the queue was full")
                .register(registry);
        moderated = Counter.builder("tributary.upnp.moderated")
                .description("variable changes held back or suppressed by moderation").register(registry);
        subscribed = subscribeCounter(registry, "new");
        renewed = subscribeCounter(registry, "renew");
        unsubscribed = subscribeCounter(registry, "unsubscribe");
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("tributary.upnp.rejected").tag("reason", reason.tag())
                    .description("SUBSCRIBE/UNSUBSCRIBE requests refused").register(registry));
            if (reason.name().startsWith("CALLBACK_") && reason != RejectReason.CALLBACK_MISSING
                    && reason != RejectReason.CALLBACK_TOO_MANY) {
                dropped.put(reason, Counter.builder("tributary.upnp.callback.dropped").tag("reason", reason.tag())
                        .description("CALLBACK URLs refused by the CallStranger checks").register(registry));
            }
        }
        for (EndReason reason : EndReason.values()) {
            ended.put(reason, Counter.builder("tributary.upnp.subscriptions.ended").tag("reason", reason.tag())
                    .description("subscriptions ended").register(registry));
        }
    }

    private static Counter subscribeCounter(MeterRegistry registry, String type) {
        return Counter.builder("tributary.upnp.subscribe").tag("type", type)
                .description("SUBSCRIBE, renewal and UNSUBSCRIBE requests accepted").register(registry);
    }

    void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    void dropped(RejectReason reason) {
        Counter counter = dropped.get(reason);
        if (counter != null) {
            counter.increment();
        }
    }

    void ended(EndReason reason) {
        ended.get(reason).increment();
    }
}
