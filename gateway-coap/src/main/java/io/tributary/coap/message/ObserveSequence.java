package io.tributary.coap.message;

import java.util.concurrent.TimeUnit;

/**
 * The Observe option's sequence numbers (RFC 7641 §3.4, §4.4): 24-bit values compared in serial-number
 * arithmetic, so a notification stays fresh across a wrap, and any notification 128 seconds after the last one is
 * fresh whatever its number.
 */
public final class ObserveSequence {

    /** Observe value of a request that registers (RFC 7641 §2). */
    public static final int REGISTER = 0;
    /** Observe value of a request that deregisters (RFC 7641 §2). */
    public static final int DEREGISTER = 1;
    /** The values span 24 bits. */
    public static final int MASK = 0xFFFFFF;

    private static final int HALF = 1 << 23;
    private static final long FRESHNESS_NANOS = TimeUnit.SECONDS.toNanos(128);

    private ObserveSequence() {
    }

    /**
     * @param value a sequence number
     * @return the next one, wrapping from 2^24 - 1 to 0
     */
    public static int next(int value) {
        return (value + 1) & MASK;
    }

    /**
     * The freshness rule of RFC 7641 §3.4.
     *
     * @param v1 the number of the last notification accepted
     * @param t1Nanos when it arrived, in nanoseconds of a monotonic clock
     * @param v2 the number of the notification just received
     * @param t2Nanos when it arrived
     * @return whether the new notification is newer than the last one
     */
    public static boolean isFresh(int v1, long t1Nanos, int v2, long t2Nanos) {
        return (v1 < v2 && v2 - v1 < HALF) || (v1 > v2 && v1 - v2 > HALF) || t2Nanos - t1Nanos > FRESHNESS_NANOS;
    }
}
