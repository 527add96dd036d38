package io.tributary.core;

import java.util.Objects;

/**
 * Immutable options of one router subscription; every method returns a changed copy.
 * Defaults: a queue of 1,024 messages, {@link Overflow#DROP_OLDEST}, no retained values first.
 */
public final class SubscribeOptions {

    /** Default queue capacity, in messages. */
    public static final int DEFAULT_CAPACITY = 1024;

    private static final SubscribeOptions DEFAULTS = new SubscribeOptions(DEFAULT_CAPACITY, Overflow.DROP_OLDEST, false);

    private final int capacity;
    private final Overflow overflow;
    private final boolean retainedFirst;

    private SubscribeOptions(int capacity, Overflow overflow, boolean retainedFirst) {
        this.capacity = capacity;
        this.overflow = overflow;
        this.retainedFirst = retainedFirst;
    }

    /** @return the defaults: capacity 1,024, drop oldest, no retained values first */
    public static SubscribeOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param messages queue capacity in messages, at least 1; default 1,024
     * @return a new options reference
     */
    public SubscribeOptions capacity(int messages) {
        if (messages < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + messages);
        }
        return new SubscribeOptions(messages, overflow, retainedFirst);
    }

    /**
     * @param policy what to do when the queue is full; default {@link Overflow#DROP_OLDEST}
     * @return a new options reference
     */
    public SubscribeOptions overflow(Overflow policy) {
        return new SubscribeOptions(capacity, Objects.requireNonNull(policy, "policy"), retainedFirst);
    }

    /**
     * Asks for the retained value of every matching topic before live messages; a message published while the
     * subscription starts may arrive both as retained value and live, never older after newer as last delivery.
     *
     * @param enabled whether to deliver retained values first; default {@code false}
     * @return a new options reference
     */
    public SubscribeOptions retainedFirst(boolean enabled) {
        return new SubscribeOptions(capacity, overflow, enabled);
    }

    /** @return the queue capacity in messages */
    public int capacity() {
        return capacity;
    }

    /** @return the overflow policy */
    public Overflow overflow() {
        return overflow;
    }

    /** @return whether retained values come first */
    public boolean retainedFirst() {
        return retainedFirst;
    }
}
