package io.tributary.nats;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.KeyValueOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import io.tributary.core.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * The JetStream key-value bucket of retained values (key = the topic's subject, value = the
 * {@linkplain NatsHeaders#envelope envelope} of headers and payload). Writes are coalesced per key: only the
 * latest value of a topic waits, so what waits is bounded by the number of retained topics, and whatever could
 * not be written during an outage is written after the reconnect. All bucket I/O (blocking in jnats) runs on the
 * bucket's own scheduler; watches are fluxes fed by the client's threads through bounded buffers.
 */
final class RetainedBucket {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedBucket.class);
    private static final RateLimitedLog FAILURES = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);
    private static final int STREAM_NOT_FOUND = 10059;

    private final String name;
    private final KeyValueOptions options;
    private final boolean create;
    private final int replicas;
    private final Scheduler scheduler;
    private final ReconnectBackoff backoff;
    private final NatsMeters meters;
    private final Map<String, Outgoing> pending = new ConcurrentHashMap<>();
    private final SerialDrain writes;
    private volatile KeyValue bucket;

    /**
     * @param name the bucket name
     * @param domain the JetStream domain holding it, or {@code null} for the server's own
     * @param create whether to create the bucket when it is missing
     * @param replicas copies of a created bucket
     * @param scheduler where bucket I/O runs, one task at a time
     * @param backoff the waits between attempts while the bucket fails (a JetStream leader election, say)
     * @param meters where operations are counted
     */
    RetainedBucket(String name, String domain, boolean create, int replicas, Scheduler scheduler,
                   ReconnectBackoff backoff, NatsMeters meters) {
        this.name = name;
        this.options = domain == null ? KeyValueOptions.builder().build()
                : KeyValueOptions.builder().jsDomain(domain).build();
        this.create = create;
        this.replicas = replicas;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.meters = meters;
        this.writes = new SerialDrain(scheduler, this::writePending);
    }

    /**
     * Opens (or creates) the bucket on a new or restored connection, writes what waits, then runs the follow-up
     * (the watches); on failure tries again with backoff while the connection is up. Runs on the bucket's scheduler.
     *
     * @param connection the connection
     * @param opened what to do once the bucket is open
     */
    void open(Connection connection, Runnable opened) {
        scheduler.schedule(() -> open(connection, opened, 1));
    }

    private void open(Connection connection, Runnable opened, long attempt) {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            return; // the next (re)connect opens it again
        }
        if (tryOpen(connection)) {
            opened.run();
        } else {
            scheduler.schedule(() -> open(connection, opened, attempt + 1),
                    backoff.getWaitTime(attempt).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean tryOpen(Connection connection) {
        try {
            KeyValueManagement management = connection.keyValueManagement(options);
            try {
                management.getBucketInfo(name);
            } catch (JetStreamApiException missing) {
                if (missing.getApiErrorCode() != STREAM_NOT_FOUND || !create) {
                    throw missing;
                }
                management.create(KeyValueConfiguration.builder().name(name).maxHistoryPerKey(1)
                        .storageType(StorageType.File).replicas(replicas).build());
                LOG.info("created key-value bucket '{}' for retained values", name);
            }
            bucket = connection.keyValue(name, options);
            meters.kv("open", "ok");
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            bucket = null;
            meters.kv("open", "failed");
            FAILURES.warn("key-value bucket '{}' unusable, retained values stay local until it opens: {}",
                    name, e.toString());
            return false;
        }
        flush();
        return true;
    }

    /** Forgets the bucket handle when the connection is lost; writes wait for {@link #open}. */
    void closed() {
        bucket = null;
    }

    /**
     * Records the latest retained value of a topic (an empty payload deletes the key) and schedules its write.
     *
     * @param value a retained message on its way out
     */
    void write(Outgoing value) {
        pending.put(value.subject(), value);
        flush();
    }

    private void flush() {
        writes.request();
    }

    private void writePending() {
        Iterator<Map.Entry<String, Outgoing>> entries = pending.entrySet().iterator();
        while (entries.hasNext()) {
            KeyValue current = bucket;
            if (current == null) {
                return;
            }
            Map.Entry<String, Outgoing> entry = entries.next();
            Outgoing value = entry.getValue();
            if (!pending.remove(entry.getKey(), value)) {
                continue; // replaced meanwhile; the newer value is written in its turn
            }
            boolean delete = value.payload().length == 0;
            try {
                if (delete) {
                    current.delete(value.subject());
                } else {
                    current.put(value.subject(), NatsHeaders.envelope(value.headers(), value.payload()));
                }
                meters.kv(delete ? "delete" : "put", "ok");
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                pending.putIfAbsent(value.subject(), value);
                meters.kv(delete ? "delete" : "put", "failed");
                FAILURES.warn("key-value {} of '{}' failed, retried: {}", delete ? "delete" : "put",
                        value.subject(), e.toString());
                scheduler.schedule(this::flush, backoff.getWaitTime(Long.MAX_VALUE).toMillis(),
                        TimeUnit.MILLISECONDS);
                return;
            }
        }
    }

    /**
     * Watches keys: first the current value of each (deletions included), then every change, while subscribed;
     * a watch that cannot start is tried again with backoff. Starting a watch is a blocking request: it runs on the
     * bucket's scheduler.
     *
     * @param keys a key pattern, {@code *} and {@code >} allowed
     * @param capacity entries the watch's buffer holds; past it the oldest are dropped and counted
     * @return the entries
     */
    Flux<KeyValueEntry> watch(String keys, int capacity) {
        return Flux.<KeyValueEntry>create(sink -> {
            KeyValue current = bucket;
            if (current == null) {
                sink.complete();
                return;
            }
            try {
                NatsKeyValueWatchSubscription watch = current.watch(keys, new KeyValueWatcher() {
                    @Override
                    public void watch(KeyValueEntry entry) {
                        sink.next(entry);
                    }

                    @Override
                    public void endOfData() {
                        // the current values are in; changes follow
                    }
                });
                sink.onDispose(watch::unsubscribe);
                meters.kv("watch", "ok");
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                meters.kv("watch", "failed");
                FAILURES.warn("cannot watch '{}' in key-value bucket '{}', retrying: {}", keys, name, e.toString());
                sink.error(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sink.complete();
            }
        }, FluxSink.OverflowStrategy.IGNORE)
                .onBackpressureBuffer(capacity, entry -> meters.dropped(NatsMeters.DropReason.INBOUND_FULL),
                        BufferOverflowStrategy.DROP_OLDEST)
                .subscribeOn(scheduler)
                .retryWhen(backoff.retry());
    }
}
