package io.tributary.upnp.ssdp;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tributary.core.time.SchedulingClock;

/**
 * Token buckets for M-SEARCH responses (reflection defence): one per source address and one for all, each refilled
 * at its rate per second and holding at most one second's worth. A search takes one token per response from both,
 * or gets nothing. At most {@code maxSources} sources are tracked; the least recently seen is forgotten first, and
 * the bucket for all still caps the total. Thread-safe.
 */
final class ResponseLimiter {

    private final SchedulingClock clock;
    private final int perSource;
    private final int maxSources;
    private final Bucket all;
    private final Map<InetAddress, Bucket> sources;

    /**
     * @param clock the time source
     * @param perSource responses per second to one source
     * @param total responses per second in all
     * @param maxSources sources tracked at once
     */
    ResponseLimiter(SchedulingClock clock, int perSource, int total, int maxSources) {
        this.clock = clock;
        this.perSource = perSource;
        this.maxSources = maxSources;
        this.all = new Bucket(total, clock.nanoTime());
        this.sources = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > ResponseLimiter.this.maxSources;
            }
        };
    }

    /**
     * @param source the searcher's address
     * @param responses how many responses the search would get (more than a bucket holds counts as a full bucket)
     * @return whether the responses may be sent; the tokens are taken when they may
     */
    synchronized boolean tryAcquire(InetAddress source, int responses) {
        long now = clock.nanoTime();
        Bucket bucket = sources.computeIfAbsent(source, key -> new Bucket(perSource, now));
        int fromSource = Math.min(responses, bucket.capacity);
        int fromAll = Math.min(responses, all.capacity);
        if (!bucket.has(fromSource, now) || !all.has(fromAll, now)) {
            return false;
        }
        bucket.tokens -= fromSource;
        all.tokens -= fromAll;
        return true;
    }

    /** A token bucket of one second's capacity. */
    private static final class Bucket {
        private final int capacity;
        private double tokens;
        private long refilled;

        Bucket(int rate, long now) {
            this.capacity = rate;
            this.tokens = rate;
            this.refilled = now;
        }

        boolean has(int wanted, long now) {
            tokens = Math.min(capacity, tokens + (now - refilled) * (double) capacity / 1_000_000_000L);
            refilled = now;
            return tokens >= wanted;
        }
    }
}
