package io.tributary.pnp.provision;

import java.time.Duration;

/**
 * Retries of a failed step with a growing backoff: the n-th failure waits {@code initial * multiplier^(n-1)},
 * at most {@code max}; after {@code maxAttempts} failures the device is marked failed.
 *
 * @param maxAttempts attempts of one step before the device fails, at least 1
 * @param initial the first wait
 * @param max the longest wait (and the backoff a failed device gets)
 * @param multiplier growth per failure, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max, double multiplier) {

    /** Checks ranges. */
    public RetryPolicy {
        if (maxAttempts < 1 || multiplier < 1 || initial.getSeconds() < 1 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry policy needs maxAttempts >= 1, multiplier >= 1, initial >= 1s"
                    + " and max >= initial");
        }
    }

    /**
     * @param failures failures of the step so far, at least 1
     * @return how long to wait before the next attempt
     */
    public Duration delay(int failures) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
