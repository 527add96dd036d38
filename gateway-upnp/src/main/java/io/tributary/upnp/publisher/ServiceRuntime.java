package io.tributary.upnp.publisher;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.tributary.core.time.Cancellable;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.event.PropertySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * A served {@link EventedService}: its subscriptions and the fan-out of its changes, moderated, to each of them in
 * the same order. Fan-out is serialised on this object; subscriptions are offered messages without waiting.
 */
final class ServiceRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);

    private final EventedService definition;
    private final SchedulingClock clock;
    private final Counter moderated;
    private final MulticastSink multicast;
    private final Set<RemoteSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Moderator moderator;
    private Cancellable flush;
    private Disposable changes;

    /**
     * @param definition the service
     * @param clock runs moderation's flush timer
     * @param moderated counts the variable changes moderation holds back or suppresses
     * @param multicast takes the changes of multicast variables
     */
    ServiceRuntime(EventedService definition, SchedulingClock clock, Counter moderated, MulticastSink multicast) {
        this.definition = definition;
        this.clock = clock;
        this.moderated = moderated;
        this.multicast = multicast;
        this.moderator = new Moderator(definition.moderation());
    }

    EventedService definition() {
        return definition;
    }

    void start() {
        changes = definition.source().changes().subscribe(this::onChange,
                failure -> LOG.error("event source of {} failed; no further events: {}", definition.path(),
                        failure.toString()));
    }

    void stop() {
        Disposable running = changes;
        if (running != null) {
            running.dispose();
        }
        Cancellable pending;
        synchronized (this) {
            pending = flush;
            flush = null;
        }
        if (pending != null) {
            pending.cancel();
        }
    }

    void add(RemoteSubscription subscription) {
        subscriptions.add(subscription);
    }

    void remove(RemoteSubscription subscription) {
        subscriptions.remove(subscription);
    }

    Set<RemoteSubscription> subscriptions() {
        return subscriptions;
    }

    private void onChange(PropertySet change) {
        long delay;
        long now = clock.nanoTime();
        synchronized (this) {
            Moderator.Result result = moderator.admit(change, now);
            if (result.held() > 0) {
                moderated.increment(result.held());
            }
            fanOut(result.now());
            delay = flush == null ? moderator.nextDue(now) : -1;
        }
        scheduleFlush(delay);
    }

    private void flushDue() {
        long delay;
        long now = clock.nanoTime();
        synchronized (this) {
            flush = null;
            fanOut(moderator.due(now));
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

    private void fanOut(PropertySet properties) {
        if (properties.isEmpty()) {
            return;
        }
        EventMessage message = new EventMessage(properties);
        for (RemoteSubscription subscription : subscriptions) {
            subscription.offer(message);
        }
        Set<String> marked = definition.multicastVariables();
        if (!marked.isEmpty()) {
            PropertySet multicastChanges = PropertySet.of(properties.properties().stream()
                    .filter(property -> marked.contains(property.name())).toList());
            if (!multicastChanges.isEmpty()) {
                multicast.send(definition, multicastChanges);
            }
        }
    }
}
