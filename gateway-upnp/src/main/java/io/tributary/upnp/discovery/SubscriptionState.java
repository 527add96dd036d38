package io.tributary.upnp.discovery;

/** Where the gateway's subscription to a discovered service stands. */
public enum SubscriptionState {
    /** Not followed: no rule asks for it (or it has no usable event URL). */
    NONE,
    /** Followed; the first SUBSCRIBE is under way or being retried. */
    SUBSCRIBING,
    /** Subscribed: events arrive. */
    SUBSCRIBED,
    /** Continuity was lost; subscribing again. */
    RESUBSCRIBING
}
