package io.tributary.upnp.publisher;

import java.time.Duration;
import java.util.Objects;

/**
 * Event moderation of one state variable (UDA 2.0 §2.5 {@code sendEventsAttribute}, {@code maximumRate},
 * {@code minimumDelta}): at most one event per {@code maximumRate} period, the newest value held back and sent
 * when the period ends; and, for numeric values, no event unless the value moved by at least {@code minimumDelta}
 * from the last evented one. Changes are coalesced, never reordered. Immutable; default: no moderation.
 *
 * @param maximumRate the shortest time between two events of the variable; {@link Duration#ZERO} for none
 * @param minimumDelta the smallest numeric change evented; 0 for none
 */
public record Moderation(Duration maximumRate, double minimumDelta) {

    /**
     * Checks the values.
     *
     * @param maximumRate not negative
     * @param minimumDelta not negative
     */
    public Moderation {
        Objects.requireNonNull(maximumRate, "maximumRate");
        if (maximumRate.isNegative() || minimumDelta < 0 || Double.isNaN(minimumDelta)) {
            throw new IllegalArgumentException("moderation values must not be negative");
        }
    }

    /** @return no moderation */
    public static Moderation none() {
        return new Moderation(Duration.ZERO, 0);
    }

    /**
     * @param period at most one event per period
     * @return a new moderation reference
     */
    public Moderation maximumRate(Duration period) {
        return new Moderation(period, minimumDelta);
    }

    /**
     * @param delta the smallest numeric change evented
     * @return a new moderation reference
     */
    public Moderation minimumDelta(double delta) {
        return new Moderation(maximumRate, delta);
    }

    /** @return whether this moderation does anything */
    public boolean active() {
        return !maximumRate.isZero() || minimumDelta > 0;
    }
}
