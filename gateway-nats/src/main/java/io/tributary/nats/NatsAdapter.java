package io.tributary.nats;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.tributary.core.Message;
import io.tributary.core.OverflowException;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Adapter;
import io.tributary.core.gateway.GatewayContext;
import io.tributary.core.log.RateLimitedLog;
import io.tributary.nats.NatsMeters.DropReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * The bridge between a gateway's router and NATS. Local messages on the export filters go out on their subjects
 * (retained values also to the key-value bucket); messages and bucket entries on the import filters come in, marked
 * {@code origin=nats} so that they never go out again; requests without a local responder go out as NATS requests,
 * and requests from other gateways reach local responders through a queue group.
 *
 * <p>The adapter starts whether or not a server is reachable: it is {@linkplain #ready() ready} only while
 * connected, reconnects with backoff, holds outgoing messages in a bounded buffer meanwhile, and after each
 * (re)connect writes the retained values that wait and re-reads the bucket for its import filters.
 */
public final class NatsAdapter implements Adapter {

    private static final Logger LOG = LoggerFactory.getLogger(NatsAdapter.class);
    private static final int CACHED_SUBJECTS = 4096;
    private static final RateLimitedLog REFUSALS = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    private final Settings settings;
    private final SubjectMapping mapping;
    private final SubjectMapping requestMapping;
    private final List<TopicFilter> exports;
    private final List<TopicFilter> imports;
    private final String gatewayId;
    private final AtomicLong ids = new AtomicLong();
    private final Disposable.Composite subscriptions = Disposables.composite();
    private final Disposable.Swap watches = Disposables.swap();
    /** Topics exported lately and their subjects: a stream mostly repeats its topics. */
    private final Map<Topic, String> subjects = new ConcurrentHashMap<>();

    private Router router;
    private NatsMeters meters;
    private Scheduler publishing;
    private Scheduler importing;
    private Scheduler bucketIo;
    private NatsPublisher publisher;
    private RetainedBucket bucket;
    private Importer importer;
    private RequestResponder responder;
    private volatile Connection connection;
    private volatile boolean wired;
    private volatile boolean stopped;

    private NatsAdapter(Settings settings) {
        this.settings = settings;
        this.mapping = SubjectMapping.of(settings.get(NatsConfig.SUBJECT_PREFIX));
        this.requestMapping = mapping.forRequests();
        this.exports = settings.get(NatsConfig.EXPORT);
        this.imports = settings.get(NatsConfig.IMPORT);
        this.gatewayId = settings.get(NatsConfig.NAME) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * @param settings values of {@link NatsConfig#SECTION}, checked here
     * @return an adapter for those settings
     */
    public static NatsAdapter create(Settings settings) {
        if (settings.section() != NatsConfig.SECTION) {
            throw new IllegalArgumentException("expected nats settings, was " + settings.section());
        }
        return new NatsAdapter(settings.validate());
    }

    @Override
    public String name() {
        return "nats";
    }

    /** @return this gateway's id, first in the {@code Tributary-Origin} header: the name and a random suffix */
    public String gatewayId() {
        return gatewayId;
    }

    /** @return whether the adapter is connected to a NATS server and its subscriptions are in place */
    @Override
    public boolean ready() {
        Connection current = connection;
        return wired && current != null && current.getStatus() == Connection.Status.CONNECTED;
    }

    /** @return the URL of the server the adapter is connected to, or {@code null} while not connected */
    public String connectedUrl() {
        Connection current = connection;
        return current == null ? null : current.getConnectedUrl();
    }

    /** @return messages waiting in the outgoing buffer, 0 before the start */
    public int bufferedMessages() {
        return publisher == null ? 0 : publisher.bufferedMessages();
    }

    @Override
    public Mono<Void> start(GatewayContext context) {
        return Mono.fromRunnable(() -> {
            router = context.router();
            meters = new NatsMeters(context.meterRegistry());
            publishing = Schedulers.newSingle("nats-publish");
            importing = Schedulers.newSingle("nats-import");
            bucketIo = Schedulers.newSingle("nats-kv");
            publisher = new NatsPublisher(() -> connection, settings.get(NatsConfig.BUFFER),
                    settings.get(NatsConfig.OVERFLOW), publishing, meters);
            Settings retained = settings.get(NatsConfig.RETAINED_SETTINGS);
            bucket = retained.get(NatsConfig.RETAINED_ENABLED) ? new RetainedBucket(retained.get(NatsConfig.BUCKET),
                    retained.find(NatsConfig.DOMAIN).orElse(null), retained.get(NatsConfig.CREATE_BUCKET),
                    retained.get(NatsConfig.REPLICAS), bucketIo, backoff(), meters) : null;
            importer = new Importer(router, mapping, gatewayId, importing, meters);
            responder = new RequestResponder(router, requestMapping, () -> connection, gatewayId,
                    ids::incrementAndGet, meters);
            meters.gauges(() -> ready() ? 1 : 0, publisher::bufferedBytes);
            export();
            subscriptions.add(connect(NatsOptions.of(settings, gatewayId, this::connectionEvent,
                    new ClientErrors(gatewayId, meters))));
        });
    }

    /** From the start on, local messages go to the buffer and requests to the forwarder, connected or not. */
    private void export() {
        for (TopicFilter filter : exports) {
            subscriptions.add(publisher.publish(router.subscribe(filter)
                            .filter(message -> !NatsHeaders.ORIGIN_NATS.equals(message.attribute(Message.ORIGIN)))
                            .mapNotNull(this::outgoing))
                    .retryWhen(Retry.indefinitely().filter(failure -> failure instanceof OutgoingBufferFullException
                            || failure instanceof OverflowException))
                    .subscribe());
        }
        subscriptions.add(new RequestForwarder(router, requestMapping, () -> connection, gatewayId,
                ids::incrementAndGet, settings.get(NatsConfig.REQUEST_TIMEOUT), meters).register(exports));
    }

    /**
     * Connects in the background, retrying with the reconnect backoff until a server answers; from then on the
     * client reconnects by itself.
     */
    private Disposable connect(Options options) {
        return Mono.fromCallable(() -> Nats.connect(options))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnError(failure -> REFUSALS.warn("NATS adapter '{}': no server reachable at {} ({}),"
                        + " retrying", gatewayId, settings.get(NatsConfig.SERVERS), failure.toString()))
                .retryWhen(backoff().retry())
                .subscribe(this::wire);
    }

    private ReconnectBackoff backoff() {
        return new ReconnectBackoff(settings.get(NatsConfig.RECONNECT_WAIT),
                settings.get(NatsConfig.RECONNECT_WAIT_MAX));
    }

    private void wire(Connection opened) {
        if (stopped) {
            close(opened);
            return;
        }
        connection = opened;
        Dispatcher dispatcher = opened.createDispatcher();
        NatsSubscriptions inbound = new NatsSubscriptions(dispatcher, settings.get(NatsConfig.INBOUND_BUFFER),
                () -> meters.dropped(DropReason.INBOUND_FULL));
        for (TopicFilter filter : imports) {
            for (String subject : mapping.subjects(filter)) {
                subscriptions.add(importer.messages(inbound.subscribe(subject, null)));
            }
            for (String subject : requestMapping.subjects(filter)) {
                subscriptions.add(responder.serve(inbound.subscribe(subject, requestMapping.prefix()), importing));
            }
        }
        subscriptions.add(watches);
        settle(opened);
        wired = true;
        LOG.info("NATS adapter '{}' connected to {}: export {}, import {}", gatewayId, opened.getConnectedUrl(),
                exports, imports);
        connected(opened);
    }

    /** Waits (on the start's worker) until the server has seen our subscriptions, so a started adapter receives. */
    private static void settle(Connection opened) {
        if (opened.getStatus() == Connection.Status.CONNECTED) {
            try {
                opened.flush(Duration.ofSeconds(5));
            } catch (TimeoutException | IllegalStateException e) {
                LOG.debug("subscriptions not confirmed by the server ({}); they go out on the next connect",
                        e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Outgoing outgoing(Message message) {
        String subject = subjects.get(message.topic());
        if (subject == null) {
            try {
                subject = mapping.subject(message.topic());
            } catch (IllegalArgumentException e) {
                meters.dropped(DropReason.UNMAPPABLE);
                REFUSALS.warn("'{}' not exported: {}", message.topic(), e.getMessage());
                return null;
            }
            if (subjects.size() >= CACHED_SUBJECTS) {
                subjects.clear();
            }
            subjects.put(message.topic(), subject);
        }
        Outgoing outgoing = new Outgoing(message.topic(), subject,
                NatsHeaders.of(message, gatewayId, ids.incrementAndGet()), message.payloadBytes(), message.retain());
        if (outgoing.retained() && bucket != null) {
            bucket.write(outgoing);
        }
        return outgoing;
    }

    private void connectionEvent(Connection source, ConnectionListener.Events event) {
        if (wired) {
            LOG.info("NATS adapter '{}': {} ({})", gatewayId, event, source.getConnectedUrl());
        } else {
            LOG.debug("NATS adapter '{}' connecting: {}", gatewayId, event); // failed first attempts say it each time
        }
        switch (event) {
            case RECONNECTED -> {
                meters.reconnects.increment();
                connected(source);
            }
            case CONNECTED -> connected(source);
            case DISCONNECTED, CLOSED -> {
                if (bucket != null) {
                    bucket.closed();
                }
            }
            default -> {
            }
        }
    }

    private void connected(Connection source) {
        if (!wired) {
            return; // wire() calls again once everything is in place
        }
        publisher.drain();
        if (bucket != null) {
            bucket.open(source, this::resync);
        }
    }

    /** Replaces the bucket watches: the current value of every imported key first, then changes. */
    private void resync() {
        Disposable.Composite fresh = Disposables.composite();
        watches.update(fresh);
        int capacity = settings.get(NatsConfig.INBOUND_BUFFER);
        for (TopicFilter filter : imports) {
            for (String keys : mapping.subjects(filter)) {
                fresh.add(importer.entries(bucket.watch(keys, capacity)));
            }
        }
    }

    @Override
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            stopped = true;
            wired = false;
            subscriptions.dispose();
            Connection current = connection;
            // a task behind the publisher's drains: what was offered before the stop is handed to the client
            return Mono.<Void>fromRunnable(() -> { }).subscribeOn(publishing)
                    .then(Mono.<Void>fromRunnable(() -> close(current)).subscribeOn(Schedulers.boundedElastic()))
                    .doFinally(signal -> {
                        publishing.dispose();
                        importing.dispose();
                        bucketIo.dispose();
                    });
        });
    }

    private static void close(Connection current) {
        if (current == null) {
            return;
        }
        try {
            if (current.getStatus() == Connection.Status.CONNECTED) {
                current.flush(Duration.ofSeconds(2));
            }
        } catch (Exception e) {
            LOG.debug("flush before close failed: {}", e.toString());
        }
        try {
            current.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
