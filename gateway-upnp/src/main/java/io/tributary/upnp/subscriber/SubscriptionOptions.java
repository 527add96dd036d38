package io.tributary.upnp.subscriber;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of one {@link GenaSubscriber#subscribe} call; every method returns a changed copy. Defaults:
 * TIMEOUT {@code Second-1800} requested, renewal at half the granted time ±10 % jitter, 256 buffered events, and
 * re-subscription after failures with a back-off from 1 s doubling up to 5 min.
 */
public final class SubscriptionOptions {

    private static final SubscriptionOptions DEFAULTS = new SubscriptionOptions(Duration.ofSeconds(1800), 0.1, 256,
            Duration.ofSeconds(1), Duration.ofMinutes(5));

    private final Duration timeout;
    private final double jitter;
    private final int bufferCapacity;
    private final Duration minBackoff;
    private final Duration maxBackoff;

    private SubscriptionOptions(Duration timeout, double jitter, int bufferCapacity, Duration minBackoff,
                                Duration maxBackoff) {
        if (timeout.getSeconds() < 1 || jitter < 0 || jitter > 0.5 || bufferCapacity < 2 || minBackoff.isNegative()
                || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("invalid subscription options: timeout " + timeout + ", jitter "
                    + jitter + ", buffer " + bufferCapacity + ", back-off " + minBackoff + ".." + maxBackoff);
        }
        this.timeout = timeout;
        this.jitter = jitter;
        this.bufferCapacity = bufferCapacity;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** @return the defaults */
    public static SubscriptionOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param requested the TIMEOUT asked for, at least 1 s; the publisher decides the grant; default 1800 s
     * @return a new options reference
     */
    public SubscriptionOptions timeout(Duration requested) {
        return new SubscriptionOptions(Objects.requireNonNull(requested, "requested"), jitter, bufferCapacity,
                minBackoff, maxBackoff);
    }

    /**
     * @param fraction renewal happens at half the granted time times (1 ± fraction), 0 to 0.5; default 0.1
     * @return a new options reference
     */
    public SubscriptionOptions jitter(double fraction) {
        return new SubscriptionOptions(timeout, fraction, bufferCapacity, minBackoff, maxBackoff);
    }

    /**
     * @param events events held for a slow consumer, at least 2; beyond it new events merge into the last waiting
     *               one (newest value per variable); default 256
     * @return a new options reference
     */
    public SubscriptionOptions bufferCapacity(int events) {
        return new SubscriptionOptions(timeout, jitter, events, minBackoff, maxBackoff);
    }

    /**
     * @param min wait after the first failed SUBSCRIBE; default 1 s
     * @param max the longest wait, doubling from {@code min}; default 5 min
     * @return a new options reference
     */
    public SubscriptionOptions backoff(Duration min, Duration max) {
        return new SubscriptionOptions(timeout, jitter, bufferCapacity, min, max);
    }

    /** @return the TIMEOUT asked for */
    public Duration timeout() {
        return timeout;
    }

    /** @return the renewal jitter fraction */
    public double jitter() {
        return jitter;
    }

    /** @return the event buffer capacity */
    public int bufferCapacity() {
        return bufferCapacity;
    }

    /** @return the first back-off */
    public Duration minBackoff() {
        return minBackoff;
    }

    /** @return the longest back-off */
    public Duration maxBackoff() {
        return maxBackoff;
    }
}
