package io.tributary.core;

/** Ends a subscription whose queue overflowed under {@link Overflow#ERROR}. */
public final class OverflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param filter the subscription's filter
     * @param capacity the queue capacity that was exceeded, in messages
     */
    public OverflowException(TopicFilter filter, int capacity) {
        this("subscription '" + filter + "'", capacity);
    }

    /**
     * @param subject what overflowed, e.g. {@code subscription 'a/#'}
     * @param capacity the queue capacity that was exceeded, in messages
     */
    public OverflowException(String subject, int capacity) {
        super(subject + " overflowed its queue of " + capacity + " messages");
    }
}
