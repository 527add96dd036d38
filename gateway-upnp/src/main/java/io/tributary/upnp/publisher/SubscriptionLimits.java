package io.tributary.upnp.publisher;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts subscriptions in total and per requester address, refusing any beyond the configured limits. */
final class SubscriptionLimits {

    private final int maxTotal;
    private final int maxPerRequester;
    private final AtomicInteger total = new AtomicInteger();
    private final Map<InetAddress, Integer> perRequester = new ConcurrentHashMap<>();

    SubscriptionLimits(int maxTotal, int maxPerRequester) {
        this.maxTotal = maxTotal;
        this.maxPerRequester = maxPerRequester;
    }

    AtomicInteger total() {
        return total;
    }

    /** Takes one place for the requester; returns the reason when none is free. */
    RejectReason acquire(InetAddress requester) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return RejectReason.LIMIT_TOTAL;
        }
        boolean[] full = new boolean[1];
        perRequester.compute(requester, (address, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerRequester) {
                full[0] = true;
                return count;
            }
            return current + 1;
        });
        if (full[0]) {
            total.decrementAndGet();
            return RejectReason.LIMIT_REQUESTER;
        }
        return null;
    }

    void release(InetAddress requester) {
        perRequester.computeIfPresent(requester, (address, count) -> count <= 1 ? null : count - 1);
        total.decrementAndGet();
    }
}
