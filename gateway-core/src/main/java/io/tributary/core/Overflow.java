package io.tributary.core;

/** What a subscription does when its bounded queue is full; every drop is counted by the router. */
public enum Overflow {
    /** Discard the oldest queued message to make room for the new one (keeps the latest state). */
    DROP_OLDEST,
    /** Discard the new message and keep the queue as it is. */
    DROP_NEWEST,
    /** End the subscription with an {@link OverflowException}. */
    ERROR
}
