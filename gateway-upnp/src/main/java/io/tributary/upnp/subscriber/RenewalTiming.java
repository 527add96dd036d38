package io.tributary.upnp.subscriber;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * When a subscription renews and re-subscribes (UDA 2.0 §4.1.3): the TIMEOUT it asks, renewal at half the granted
 * time plus or minus the jitter (never sooner than 500 ms), and a back-off doubling from the shortest to the
 * longest wait.
 *
 * @param timeoutSeconds the TIMEOUT asked ({@link SubscriberConfig#TIMEOUT})
 * @param jitter the renewal jitter fraction, 0 to 0.5 ({@link SubscriberConfig#RENEWAL_JITTER})
 * @param minBackoff the first back-off ({@link SubscriberConfig#MIN_BACKOFF})
 * @param maxBackoff the longest back-off ({@link SubscriberConfig#MAX_BACKOFF})
 */
record RenewalTiming(long timeoutSeconds, double jitter, Duration minBackoff, Duration maxBackoff) {

    private static final long MIN_RENEWAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /**
     * @param grantedSeconds the publisher's grant, or 0 or less when it named none
     * @return the seconds to renew by: the grant, or the TIMEOUT asked
     */
    long granted(long grantedSeconds) {
        return grantedSeconds > 0 ? grantedSeconds : timeoutSeconds;
    }

    /**
     * @param grantedSeconds the seconds granted
     * @return the wait before renewing
     */
    Duration renewal(long grantedSeconds) {
        double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        long delay = (long) (grantedSeconds * 0.5 * factor * 1_000_000_000L);
        return Duration.ofNanos(Math.max(delay, MIN_RENEWAL_NANOS));
    }

    /**
     * @param attempt 1 for the first retry
     * @return the back-off before it: the shortest wait doubled per earlier attempt, at most the longest
     */
    Duration backoff(int attempt) {
        long max = maxBackoff.toNanos();
        long delay = minBackoff.toNanos();
        for (int i = 1; i < attempt && delay < max; i++) {
            delay = Math.min(max, delay * 2);
        }
        return Duration.ofNanos(delay);
    }
}
