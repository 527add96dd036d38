package io.tributary.upnp.subscriber;

import java.util.Objects;

import io.tributary.upnp.event.PropertySet;

/**
 * What a {@link RunningSubscriber} subscription emits: the variables of one NOTIFY in SEQ order, or a gap signal
 * saying that events may have been missed; after a gap the subscriber re-subscribes and a new initial event
 * (SEQ 0, every variable) follows.
 */
public final class GenaEvent {

    /** The kind of signal. */
    public enum Type {
        /** The variables of one event message. */
        PROPERTIES,
        /** Continuity was lost; a fresh initial event follows the re-subscription. */
        GAP
    }

    /** Why continuity was lost. */
    public enum GapReason {
        /** A NOTIFY arrived with a SEQ other than the next expected one (UDA 2.0 §4.3.2). */
        SEQ_GAP("seq-gap"),
        /** The publisher answered a renewal with 412: the subscription is gone. */
        SUBSCRIPTION_LOST("subscription-lost"),
        /** The renewal failed (connection error, timeout or an unexpected status). */
        RENEWAL_FAILED("renewal-failed"),
        /** A NOTIFY body could not be read, so its changes are unknown. */
        MALFORMED_EVENT("malformed-event");

        private final String tag;

        GapReason(String tag) {
            this.tag = tag;
        }

        /** @return the metric tag value */
        public String tag() {
            return tag;
        }
    }

    private final Type type;
    private final String sid;
    private final long seq;
    private final PropertySet properties;
    private final GapReason reason;

    private GenaEvent(Type type, String sid, long seq, PropertySet properties, GapReason reason) {
        this.type = type;
        this.sid = sid;
        this.seq = seq;
        this.properties = properties;
        this.reason = reason;
    }

    /**
     * @param sid the subscription identifier
     * @param seq the event key
     * @param properties the variables
     * @return a properties event
     */
    public static GenaEvent properties(String sid, long seq, PropertySet properties) {
        return new GenaEvent(Type.PROPERTIES, sid, seq, Objects.requireNonNull(properties, "properties"), null);
    }

    /**
     * @param sid the subscription identifier that lost continuity, or {@code null}
     * @param reason why
     * @return a gap signal
     */
    public static GenaEvent gap(String sid, GapReason reason) {
        return new GenaEvent(Type.GAP, sid, -1, PropertySet.empty(), Objects.requireNonNull(reason, "reason"));
    }

    /** @return the kind of signal */
    public Type type() {
        return type;
    }

    /** @return whether this is a gap signal */
    public boolean isGap() {
        return type == Type.GAP;
    }

    /** @return whether this is an initial event (SEQ 0), which carries every evented variable */
    public boolean isInitial() {
        return type == Type.PROPERTIES && seq == 0;
    }

    /** @return the subscription identifier ({@code uuid:...}); changes after a re-subscription */
    public String sid() {
        return sid;
    }

    /** @return the event key, or -1 for a gap */
    public long seq() {
        return seq;
    }

    /** @return the variables (empty for a gap) */
    public PropertySet properties() {
        return properties;
    }

    /** @return why continuity was lost, or {@code null} for a properties event */
    public GapReason gapReason() {
        return reason;
    }

    /**
     * Merges a newer event into an older one waiting for a slow consumer: the variables of both, newer values
     * winning, with the newer SEQ. Gaps and events of different SIDs do not merge.
     *
     * @param older the waiting event
     * @param newer the event that did not fit
     * @return the merged event, or {@code null} when they do not merge
     */
    static GenaEvent merge(GenaEvent older, GenaEvent newer) {
        if (older.isGap() || newer.isGap() || !older.sid.equals(newer.sid)) {
            return null;
        }
        return properties(newer.sid, newer.seq, older.properties.mergedWith(newer.properties));
    }

    @Override
    public String toString() {
        return type == Type.GAP ? "GenaEvent[gap " + reason + ", " + sid + "]"
                : "GenaEvent[" + sid + " SEQ " + seq + " " + properties.toMap() + "]";
    }
}
