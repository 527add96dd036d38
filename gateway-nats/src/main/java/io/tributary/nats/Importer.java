package io.tributary.nats;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.nats.client.Message;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.impl.Headers;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.core.log.RateLimitedLog;
import io.tributary.nats.NatsMeters.DropReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Publishes what comes from NATS into the router, one message at a time on the import scheduler (never on a
 * client thread): messages of the import subscriptions and entries of the key-value watches. A retained value
 * reaches the router once even though it arrives twice (on its subject and from the watch, or again in the resync
 * after a reconnect): it is skipped when the router's retained value is already that export (same gateway and id),
 * and a deletion is skipped when there is nothing to delete. This gateway's own exports are skipped.
 */
final class Importer {

    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);
    private static final RateLimitedLog REFUSALS = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);
    private static final int PREFETCH = 64;
    private static final int CACHED_TOPICS = 4096;

    private final Router router;
    private final SubjectMapping mapping;
    private final String gateway;
    private final Scheduler scheduler;
    private final NatsMeters meters;
    /** Subjects seen lately and their topics; touched only on the import scheduler's one thread. */
    private final Map<String, Topic> topics = new HashMap<>();

    Importer(Router router, SubjectMapping mapping, String gateway, Scheduler scheduler, NatsMeters meters) {
        this.router = router;
        this.mapping = mapping;
        this.gateway = gateway;
        this.scheduler = scheduler;
        this.meters = meters;
    }

    /**
     * @param messages messages of an import subscription
     * @return disposes the subscription
     */
    Disposable messages(Flux<Message> messages) {
        return messages.publishOn(scheduler, PREFETCH).subscribe(message -> guarded(message.getSubject(),
                () -> deliver(message.getSubject(), message.getHeaders(), message.getData(), false)));
    }

    /**
     * @param entries entries of a key-value watch
     * @return disposes the watch
     */
    Disposable entries(Flux<KeyValueEntry> entries) {
        return entries.publishOn(scheduler, PREFETCH).subscribe(entry -> guarded(entry.getKey(), () -> deliver(entry)));
    }

    /** One message that fails to import is counted and logged; the subscription goes on. */
    private void guarded(String subject, Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            meters.dropped(DropReason.IMPORT_FAILED);
            REFUSALS.warn("message on '{}' not imported: {}", subject, e.toString());
        }
    }

    private void deliver(KeyValueEntry entry) {
        if (entry.getOperation() == KeyValueOperation.PUT) {
            NatsHeaders.Unwrapped value = NatsHeaders.unwrap(entry.getValue());
            deliver(entry.getKey(), value.headers(), value.payload(), true);
        } else {
            deliver(entry.getKey(), null, null, true);
        }
    }

    private void deliver(String subject, Headers headers, byte[] payload, boolean retained) {
        if (retained && gateway.equals(NatsHeaders.gateway(headers))) {
            return; // our own export, back from the bucket (on subjects the server does not echo it: no-echo)
        }
        Topic topic = topic(subject);
        if (topic == null) {
            return;
        }
        var message = NatsHeaders.toMessage(topic, headers, payload);
        if (retained && !message.retain()) {
            message = message.toBuilder().retain(true).build();
        }
        if (message.retain() && NatsHeaders.alreadyRetained(message, router.retainedValue(topic))) {
            meters.duplicates.increment();
            return;
        }
        meters.in.increment();
        router.publish(message);
    }

    /** Maps a subject, remembering up to {@value #CACHED_TOPICS} of them: a stream mostly repeats its topics. */
    private Topic topic(String subject) {
        Topic topic = topics.get(subject);
        if (topic != null) {
            return topic;
        }
        try {
            topic = mapping.topic(subject);
        } catch (IllegalArgumentException e) {
            meters.dropped(DropReason.UNMAPPABLE);
            REFUSALS.warn("message on '{}' not imported: {}", subject, e.getMessage());
            return null;
        }
        if (topics.size() >= CACHED_TOPICS) {
            topics.clear();
        }
        topics.put(subject, topic);
        return topic;
    }
}
