package io.tributary.upnp.publisher;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.tributary.core.SubscriberQueue;
import io.tributary.core.time.Cancellable;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.event.PropertySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;

/**
 * A served {@link EventedService}: its subscriptions and the fan-out of its changes, moderated, to each of them in
 * the same order. The thread that publishes a change (a CoAP event loop, a router worker) only queues it: changes
 * wait in a bounded queue, merged into the last waiting one when it is full, and are fanned out on the fan-out
 * executor; fan-out is serialised on this object and subscriptions are offered messages without waiting.
 */
final class ServiceRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);
    /** Changes waiting for fan-out before the newest are merged into the last waiting one. */
    private static final int PENDING_CHANGES = 256;

    private final EventedService definition;
    private final SchedulingClock clock;
    private final SubscriberQueue<Change> pending;
    private final AtomicLong offered = new AtomicLong();
    private final Counter moderated;
    private final MulticastSink multicast;
    /** Each subscription with the number of the last change offered before it was added. */
    private final Map<RemoteSubscription, Long> subscriptions = new ConcurrentHashMap<>();
    private final Moderator moderator;
    private Cancellable flush;
    private Disposable changes;

    /**
     * @param definition the service
     * @param clock runs moderation's flush timer
     * @param fanOut where changes are fanned out to the subscriptions, e.g. an event loop of the NOTIFY client
     * @param moderated counts the variable changes moderation holds back or suppresses
     * @param multicast takes the changes of multicast variables
     */
    ServiceRuntime(EventedService definition, SchedulingClock clock, Executor fanOut, Counter moderated,
                   MulticastSink multicast) {
        this.definition = definition;
        this.clock = clock;
        this.moderated = moderated;
        this.multicast = multicast;
        this.moderator = new Moderator(definition.moderation());
        this.pending = SubscriberQueue.<Change>spec(PENDING_CHANGES).merging(Change::mergedWith)
                .drainOn(fanOut, 0).label("changes of " + definition.path())
                .create(new BaseSubscriber<>() {
                    @Override
                    protected void hookOnNext(Change change) {
                        // One change that cannot be fanned out must not end the service's events.
                        try {
                            onChange(change);
                        } catch (RuntimeException failure) {
                            LOG.error("a change of {} was not evented: {}", definition.path(), failure.toString());
                        }
                    }
                }, ended -> { });
    }

    EventedService definition() {
        return definition;
    }

    void start() {
        pending.start();
        changes = definition.source().changes().subscribe(
                change -> pending.offer(new Change(offered.incrementAndGet(), new EventMessage(change))),
                failure -> LOG.error("event source of {} failed; no further events: {}", definition.path(),
                        failure.toString()));
    }

    void stop() {
        Disposable running = changes;
        if (running != null) {
            running.dispose();
        }
        pending.cancel();
        Cancellable timer;
        synchronized (this) {
            timer = flush;
            flush = null;
        }
        if (timer != null) {
            timer.cancel();
        }
    }

    /**
     * Adds a subscription before its initial event is read from the source: changes offered until now are in that
     * event, so the fan-out of those still waiting skips it.
     */
    void add(RemoteSubscription subscription) {
        subscriptions.put(subscription, offered.get());
    }

    void remove(RemoteSubscription subscription) {
        subscriptions.remove(subscription);
    }

    Set<RemoteSubscription> subscriptions() {
        return subscriptions.keySet();
    }

    private void onChange(Change change) {
        long delay;
        long now = clock.nanoTime();
        synchronized (this) {
            Moderator.Result result = moderator.admit(change.message().properties(), now);
            if (result.held() > 0) {
                moderated.increment(result.held());
            }
            fanOut(result.now(), change.number());
            delay = flush == null ? moderator.nextDue(now) : -1;
        }
        scheduleFlush(delay);
    }

    private void flushDue() {
        long delay;
        long now = clock.nanoTime();
        synchronized (this) {
            flush = null;
            // Held values may predate a subscription's initial event; sending them again is harmless.
            fanOut(moderator.due(now), Long.MAX_VALUE);
            delay = moderator.nextDue(now);
        }
        scheduleFlush(delay);
    }

    private void scheduleFlush(long delayNanos) {
        if (delayNanos < 0) {
            return;
        }
        // The timer is only called outside the monitor, so a timer task taking the monitor can never deadlock.
        Cancellable timeout = clock.schedule(this::flushDue, delayNanos, TimeUnit.NANOSECONDS);
        synchronized (this) {
            if (flush == null) {
                flush = timeout;
                return;
            }
        }
        timeout.cancel();
    }

    private void fanOut(PropertySet properties, long number) {
        if (properties.isEmpty()) {
            return;
        }
        EventMessage message = new EventMessage(properties);
        subscriptions.forEach((subscription, addedAfter) -> {
            if (number > addedAfter) {
                subscription.offer(message);
            }
        });
        Set<String> marked = definition.multicastVariables();
        if (!marked.isEmpty()) {
            PropertySet multicastChanges = PropertySet.of(properties.properties().stream()
                    .filter(property -> marked.contains(property.name())).toList());
            if (!multicastChanges.isEmpty()) {
                multicast.send(definition, multicastChanges);
            }
        }
    }

    /** A change as the source emitted it, numbered in the order it was offered; merged ones keep the newest number. */
    private record Change(long number, EventMessage message) {

        Change mergedWith(Change newer) {
            return new Change(newer.number, message.mergedWith(newer.message));
        }
    }
}
