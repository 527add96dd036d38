package io.tributary.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

import io.tributary.core.config.Settings;
import io.tributary.core.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The topic-based routing core: publish from any thread without locks, subscribe with a bounded queue and an
 * overflow policy, keep a retained last value per topic, and route requests to responders registered by filter.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final RateLimitedLog REFUSALS = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    private final Settings settings;
    private final SubscribeOptions subscribeDefaults;
    private final Duration requestTimeout;
    private final int maxRetained;
    private final int inlineBatch;
    private final Executor drainExecutor;
    private final TopicTrie<SubscriberQueue<Message>> subscriptions = new TopicTrie<>();
    private final TopicTrie<Responder> responders = new TopicTrie<>();
    private final Map<Topic, Message> retained = new ConcurrentHashMap<>();
    private final AtomicInteger retainedCount = new AtomicInteger();
    private final RouterStats stats = new RouterStats();
    private final Consumer<Message> countDrop = dropped -> stats.dropped.increment();

    private Router(Settings settings, Executor drainExecutor) {
        this.settings = settings;
        this.drainExecutor = drainExecutor;
        this.inlineBatch = settings.get(RouterConfig.INLINE_BATCH);
        this.subscribeDefaults = SubscribeOptions.defaults().capacity(settings.get(RouterConfig.QUEUE_CAPACITY))
                .overflow(settings.get(RouterConfig.OVERFLOW));
        this.requestTimeout = settings.get(RouterConfig.REQUEST_TIMEOUT);
        this.maxRetained = settings.get(RouterConfig.MAX_RETAINED);
    }

    /** @return a router with {@link RouterConfig#defaults()}, draining slow subscribers on Reactor's parallel scheduler */
    public static Router create() {
        return create(RouterConfig.defaults());
    }

    /**
     * @param settings values of {@link RouterConfig#SECTION}
     * @return a router with those settings, draining slow subscribers on Reactor's parallel scheduler
     */
    public static Router create(Settings settings) {
        Scheduler parallel = Schedulers.parallel();
        return create(settings, parallel::schedule);
    }

    /**
     * @param settings values of {@link RouterConfig#SECTION}
     * @param drainExecutor runs the backlog of subscribers that fell behind, so that a publisher delivers at most
     *                      {@link RouterConfig#INLINE_BATCH} messages to one subscriber on its own thread
     * @return a router with those settings
     */
    public static Router create(Settings settings, Executor drainExecutor) {
        if (settings.section() != RouterConfig.SECTION) {
            throw new IllegalArgumentException("expected router settings, was " + settings.section());
        }
        return new Router(settings.validate(), Objects.requireNonNull(drainExecutor, "drainExecutor"));
    }

    /** @return this router's settings */
    public Settings settings() {
        return settings;
    }

    /** @return live counters of this router */
    public RouterStats stats() {
        return stats;
    }

    /**
     * Publishes a message to every matching subscription and, if it is retained, stores it as the topic's last
     * value (an empty retained payload clears it). Never blocks.
     *
     * @param message the message
     * @return how many subscriptions queued it (drops excluded)
     */
    public int publish(Message message) {
        stats.published.increment();
        if (message.retain()) {
            keep(message);
        }
        Delivery delivery = new Delivery(message);
        subscriptions.forEachMatch(message.topic(), delivery);
        return delivery.queued;
    }

    private void keep(Message message) {
        Topic topic = message.topic();
        if (message.clearsRetained()) {
            if (retained.remove(topic) != null) {
                retainedCount.decrementAndGet();
            }
            return;
        }
        if (retained.replace(topic, message) != null) {
            return;
        }
        if (retainedCount.incrementAndGet() > maxRetained) {
            retainedCount.decrementAndGet();
            stats.retainedRefused.increment();
            REFUSALS.warn("retained value for '{}' refused: {} topics already hold one (router.max-retained)", topic,
                    maxRetained);
            return;
        }
        if (retained.put(topic, message) != null) {
            retainedCount.decrementAndGet();
        }
    }

    /**
     * Subscribes with the router's default options.
     *
     * @param filter which topics to receive
     * @return a cold flux; each subscriber gets its own queue
     */
    public Flux<Message> subscribe(TopicFilter filter) {
        return subscribe(filter, subscribeDefaults);
    }

    /**
     * Subscribes with the default queue capacity and the given overflow policy.
     *
     * @param filter which topics to receive
     * @param overflow what to do when the queue is full
     * @return a cold flux; each subscriber gets its own queue
     */
    public Flux<Message> subscribe(TopicFilter filter, Overflow overflow) {
        return subscribe(filter, subscribeDefaults.overflow(overflow));
    }

    /**
     * Subscribes with explicit options.
     *
     * @param filter which topics to receive
     * @param subscribeOptions queue capacity, overflow policy and whether retained values come first
     * @return a cold flux; each subscriber gets its own queue
     */
    public Flux<Message> subscribe(TopicFilter filter, SubscribeOptions subscribeOptions) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(subscribeOptions, "subscribeOptions");
        return new RouterFlux(filter, subscribeOptions);
    }

    /**
     * Returns the retained value of every topic the filter matches, in no particular order.
     *
     * @param filter which topics
     * @return the retained messages
     */
    public Flux<Message> retained(TopicFilter filter) {
        return Flux.defer(() -> Flux.fromIterable(retainedSnapshot(filter)));
    }

    /**
     * Returns the retained value of one topic, if any, without allocating a flux.
     *
     * @param topic the topic
     * @return the retained message or {@code null}
     */
    public Message retainedValue(Topic topic) {
        return retained.get(topic);
    }

    private List<Message> retainedSnapshot(TopicFilter filter) {
        if (!filter.hasWildcards()) {
            Message value = retained.get(filter.asTopic());
            return value == null ? List.of() : List.of(value);
        }
        List<Message> matches = new ArrayList<>();
        for (Message value : retained.values()) {
            if (filter.matches(value.topic())) {
                matches.add(value);
            }
        }
        return matches;
    }

    /**
     * Registers a responder for requests whose topic matches the filter; the most specific filter wins (an exact
     * segment before {@code +} before {@code #}), the earliest registration among equal filters.
     *
     * @param filter which request topics to answer
     * @param responder maps a request to its reply
     * @return a handle that unregisters the responder when disposed
     */
    public Disposable respond(TopicFilter filter, Function<Message, Mono<Message>> responder) {
        Responder entry = new Responder(Objects.requireNonNull(responder, "responder"));
        responders.add(Objects.requireNonNull(filter, "filter"), entry);
        return () -> responders.remove(filter, entry);
    }

    /**
     * Sends a request with the default timeout from {@link RouterConfig#REQUEST_TIMEOUT}.
     *
     * @param request the request
     * @return the reply, or an error: {@link NoResponderException}, {@link RequestTimeoutException}, or the
     *         responder's own error
     */
    public Mono<Message> request(Message request) {
        return request(request, requestTimeout);
    }

    /**
     * Sends a request to the responder registered for its topic.
     *
     * @param request the request
     * @param timeout how long to wait for the reply
     * @return the reply, or an error: {@link NoResponderException}, {@link RequestTimeoutException}, or the
     *         responder's own error
     */
    public Mono<Message> request(Message request, Duration timeout) {
        return Mono.defer(() -> {
            stats.requests.increment();
            Responder responder = responders.first(request.topic());
            if (responder == null) {
                stats.noResponder.increment();
                return Mono.error(new NoResponderException(request.topic()));
            }
            return Mono.defer(() -> responder.function.apply(request))
                    .timeout(timeout, Mono.defer(() -> {
                        stats.requestTimeouts.increment();
                        return Mono.error(new RequestTimeoutException(request.topic(), timeout));
                    }));
        });
    }

    /** @return the number of live subscriptions */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    /** @return the number of topics holding a retained value */
    public int retainedCount() {
        return retainedCount.get();
    }

    private final class RouterFlux extends Flux<Message> {
        private final TopicFilter filter;
        private final SubscribeOptions subscribeOptions;

        RouterFlux(TopicFilter filter, SubscribeOptions subscribeOptions) {
            this.filter = filter;
            this.subscribeOptions = subscribeOptions;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Message> actual) {
            SubscriberQueue<Message> queue = SubscriberQueue.<Message>spec(subscribeOptions.capacity())
                    .overflow(subscribeOptions.overflow()).onDrop(dropListener(subscribeOptions))
                    .drainOn(drainExecutor, inlineBatch)
                    .label("subscription '" + filter + "'")
                    .create(actual, ended -> subscriptions.remove(filter, ended));
            // Register before the snapshot so that nothing published in between is lost.
            subscriptions.add(filter, queue);
            if (subscribeOptions.retainedFirst()) {
                queue.prefix(retainedSnapshot(filter));
            }
            queue.start();
        }
    }

    private Consumer<Message> dropListener(SubscribeOptions options) {
        Consumer<Message> own = options.onDrop();
        return own == SubscribeOptions.defaults().onDrop() ? countDrop : countDrop.andThen(own);
    }

    private static final class Responder {
        final Function<Message, Mono<Message>> function;

        Responder(Function<Message, Mono<Message>> function) {
            this.function = function;
        }
    }

    private static final class Delivery implements Consumer<SubscriberQueue<Message>> {
        final Message message;
        int queued;

        Delivery(Message message) {
            this.message = message;
        }

        @Override
        public void accept(SubscriberQueue<Message> queue) {
            if (queue.offer(message) != SubscriberQueue.Offer.DROPPED) {
                queued++;
            }
        }
    }

    /** Live counters of a router, cheap to read at any time. */
    public static final class RouterStats {
        final LongAdder published = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder retainedRefused = new LongAdder();
        final LongAdder requests = new LongAdder();
        final LongAdder noResponder = new LongAdder();
        final LongAdder requestTimeouts = new LongAdder();

        RouterStats() {
        }

        /** @return messages published */
        public long published() {
            return published.sum();
        }

        /** @return messages dropped by full subscription queues */
        public long dropped() {
            return dropped.sum();
        }

        /** @return retained values refused because the retained-topic cap was reached */
        public long retainedRefused() {
            return retainedRefused.sum();
        }

        /** @return requests sent */
        public long requests() {
            return requests.sum();
        }

        /** @return requests that found no responder */
        public long noResponder() {
            return noResponder.sum();
        }

        /** @return requests that timed out */
        public long requestTimeouts() {
            return requestTimeouts.sum();
        }
    }
}
