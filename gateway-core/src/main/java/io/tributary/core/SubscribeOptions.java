package io.tributary.core;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Immutable options of one router subscription; every method returns a changed copy.
 * Defaults: a queue of 1,024 messages, {@link Overflow#DROP_OLDEST}, no retained values first, no drop listener.
 */
public final class SubscribeOptions {

    /** Default queue capacity, in messages. */
    public static final int DEFAULT_CAPACITY = 1024;

    private static final Consumer<Message> NO_LISTENER = dropped -> { };
    private static final SubscribeOptions DEFAULTS = new SubscribeOptions(DEFAULT_CAPACITY, Overflow.DROP_OLDEST, false,
            NO_LISTENER);

    private final int capacity;
    private final Overflow overflow;
    private final boolean retainedFirst;
    private final Consumer<Message> onDrop;

    private SubscribeOptions(int capacity, Overflow overflow, boolean retainedFirst, Consumer<Message> onDrop) {
        this.capacity = capacity;
        this.overflow = overflow;
        this.retainedFirst = retainedFirst;
        this.onDrop = onDrop;
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
        return new SubscribeOptions(messages, overflow, retainedFirst, onDrop);
    }

    /**
     * @param policy what to do when the queue is full; default {@link Overflow#DROP_OLDEST}
     * @return a new options reference
     */
    public SubscribeOptions overflow(Overflow policy) {
        return new SubscribeOptions(capacity, Objects.requireNonNull(policy, "policy"), retainedFirst, onDrop);
    }

    /**
     * Asks for the retained value of every matching topic before live messages; a message published while the
     * subscription starts may arrive both as retained value and live, never older after newer as last delivery.
     *
     * @param enabled whether to deliver retained values first; default {@code false}
     * @return a new options reference
     */
    public SubscribeOptions retainedFirst(boolean enabled) {
        return new SubscribeOptions(capacity, overflow, enabled, onDrop);
    }

    /**
     * Tells this subscriber's own listener about each message its queue drops, besides the router's count; e.g. to
     * count drops per client and tell the client.
     *
     * @param listener called with each dropped message, on the publisher's thread, outside any lock; must be quick;
     *                 default none
     * @return a new options reference
     */
    public SubscribeOptions onDrop(Consumer<Message> listener) {
        return new SubscribeOptions(capacity, overflow, retainedFirst, Objects.requireNonNull(listener, "listener"));
    }

    /** @return the queue capacity in messages */
    public int capacity() {
        return capacity;
    }

    /** @return the overflow policy */
    public Overflow overflow() {
        return overflow;
    }

    /** @return the drop listener of this subscriber, a no-op by default */
    public Consumer<Message> onDrop() {
        return onDrop;
    }

    /** @return whether retained values come first */
    public boolean retainedFirst() {
        return retainedFirst;
    }
}
