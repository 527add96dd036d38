package io.tributary.pnp.message;

import java.time.Duration;
import java.util.Objects;

/**
 * Tell the agent when to poll again: once after a time ({@code callbackAfter}, at most 47 h 59 min 59 s, default
 * 15 min when no time is given), from now on every N minutes ({@code defaultMinutes}, 1 to 2,880), or never
 * ({@code terminate}: the PnP profile removes itself). Build with the factory methods.
 *
 * @param reason why, always sent
 * @param callbackAfter one-time wait, or {@code null}
 * @param defaultMinutes new poll interval in minutes, or {@code null}
 * @param terminate whether provisioning is over
 */
public record BackoffRequest(String reason, Duration callbackAfter, Integer defaultMinutes, boolean terminate)
        implements ServiceRequest {

    /** Longest one-time wait the schema allows. */
    public static final Duration MAX_CALLBACK = Duration.ofHours(47).plusMinutes(59).plusSeconds(59);
    /** The wait an agent applies to a {@code callbackAfter} without hours, minutes or seconds. */
    public static final Duration DEFAULT_CALLBACK = Duration.ofMinutes(15);

    /** Checks that exactly one kind is set and within range. */
    public BackoffRequest {
        Objects.requireNonNull(reason, "reason");
        int kinds = (callbackAfter != null ? 1 : 0) + (defaultMinutes != null ? 1 : 0) + (terminate ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a backoff is exactly one of callbackAfter, defaultMinutes, terminate");
        }
        if (callbackAfter != null && (callbackAfter.isNegative() || callbackAfter.compareTo(MAX_CALLBACK) > 0)) {
            throw new IllegalArgumentException("callbackAfter " + callbackAfter + " is outside 0 to " + MAX_CALLBACK);
        }
        if (defaultMinutes != null && (defaultMinutes < 1 || defaultMinutes > 2880)) {
            throw new IllegalArgumentException("defaultMinutes " + defaultMinutes + " is outside 1 to 2880");
        }
    }

    /**
     * @param reason why
     * @param wait how long, capped at {@link #MAX_CALLBACK}; sub-second parts are dropped
     * @return a one-time backoff
     */
    public static BackoffRequest callbackAfter(String reason, Duration wait) {
        Duration capped = wait.compareTo(MAX_CALLBACK) > 0 ? MAX_CALLBACK : Duration.ofSeconds(wait.getSeconds());
        return new BackoffRequest(reason, capped, null, false);
    }

    /**
     * @param reason why
     * @param minutes the new poll interval, 1 to 2,880
     * @return a lasting change of the poll interval
     */
    public static BackoffRequest defaultMinutes(String reason, int minutes) {
        return new BackoffRequest(reason, null, minutes, false);
    }

    /**
     * @param reason why
     * @return the end of provisioning
     */
    public static BackoffRequest terminate(String reason) {
        return new BackoffRequest(reason, null, null, true);
    }

    @Override
    public Service service() {
        return Service.BACKOFF;
    }
}
