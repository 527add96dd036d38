package io.tributary.upnp.publisher;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.core.time.SchedulingClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live subscriptions of a publisher by SID: admission within the subscription limits, registration with its
 * service and expiry timer, renewal, and the one place a subscription ends (counted by reason).
 */
final class SubscriptionTable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionTable.class);

    private final Map<String, RemoteSubscription> bySid = new ConcurrentHashMap<>();
    private final SubscriptionLimits limits;
    private final PublisherMeters meters;
    private final SchedulingClock clock;

    SubscriptionTable(SubscriptionLimits limits, PublisherMeters meters, SchedulingClock clock) {
        this.limits = limits;
        this.meters = meters;
        this.clock = clock;
    }

    /** Takes a place for the requester; returns the reason when none is free. */
    RejectReason admit(InetAddress requester) {
        return limits.acquire(requester);
    }

    void register(RemoteSubscription subscription, long grantedSeconds) {
        bySid.put(subscription.sid, subscription);
        subscription.service.add(subscription);
        subscription.armExpiry(clock, grantedSeconds);
        meters.subscribed.increment();
    }

    RemoteSubscription find(String sid) {
        return bySid.get(sid);
    }

    boolean renew(RemoteSubscription subscription, long grantedSeconds) {
        return subscription.renew(clock, grantedSeconds);
    }

    /** Ends a subscription and frees its place; returns true only for the first call. */
    boolean end(RemoteSubscription subscription, EndReason reason) {
        if (!subscription.end()) {
            return false;
        }
        bySid.remove(subscription.sid, subscription);
        subscription.service.remove(subscription);
        limits.release(subscription.requester);
        meters.ended(reason);
        LOG.debug("subscription {} of {} ended: {}", subscription.sid, subscription.service.definition().path(),
                reason.tag());
        return true;
    }

    /** @return the live subscriptions now */
    List<RemoteSubscription> all() {
        return List.copyOf(bySid.values());
    }

    /** @return a snapshot of every live subscription, ordered by service path and SID */
    List<PublisherSubscription> statuses() {
        long now = clock.nanoTime();
        return bySid.values().stream().map(subscription -> subscription.status(now))
                .sorted(Comparator.comparing(PublisherSubscription::path).thenComparing(PublisherSubscription::sid))
                .toList();
    }

    int size() {
        return bySid.size();
    }
}
