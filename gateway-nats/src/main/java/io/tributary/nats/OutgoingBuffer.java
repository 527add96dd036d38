package io.tributary.nats;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import io.tributary.core.Overflow;

/**
 * A first-in first-out buffer of outgoing messages bounded in bytes ({@link Outgoing#size()}), with the router's
 * overflow policies: {@link Overflow#DROP_OLDEST} evicts from the head until the new message fits,
 * {@link Overflow#DROP_NEWEST} and {@link Overflow#ERROR} refuse the new one. Every message that does not stay is
 * handed to the drop callback, so each is counted. Thread-safe; each call holds a short lock and does no I/O.
 */
final class OutgoingBuffer {

    private final long capacity;
    private final Overflow overflow;
    private final Consumer<Outgoing> dropped;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private long bytes;

    /**
     * @param capacity bytes the buffer holds at most
     * @param overflow what a full buffer does
     * @param dropped told of every message evicted or refused
     */
    OutgoingBuffer(long capacity, Overflow overflow, Consumer<Outgoing> dropped) {
        this.capacity = capacity;
        this.overflow = overflow;
        this.dropped = dropped;
    }

    /**
     * Queues a message, evicting or refusing by the overflow policy when it does not fit.
     *
     * @param message the message
     * @return whether it was queued
     */
    boolean offer(Outgoing message) {
        int size = message.size();
        ArrayDeque<Outgoing> evicted = null;
        boolean queued;
        synchronized (this) {
            if (bytes + size > capacity && overflow == Overflow.DROP_OLDEST && size <= capacity) {
                evicted = new ArrayDeque<>();
                while (bytes + size > capacity) {
                    Outgoing oldest = queue.poll();
                    bytes -= oldest.size();
                    evicted.add(oldest);
                }
            }
            queued = bytes + size <= capacity;
            if (queued) {
                queue.add(message);
                bytes += size;
            }
        }
        if (evicted != null) {
            evicted.forEach(dropped);
        }
        if (!queued) {
            dropped.accept(message);
        }
        return queued;
    }

    /** @return the oldest message without removing it, or {@code null} when empty */
    synchronized Outgoing peek() {
        return queue.peek();
    }

    /**
     * Removes the oldest message, which the caller has just sent.
     *
     * @param sent the message {@link #peek()} returned
     */
    synchronized void remove(Outgoing sent) {
        if (queue.peek() == sent) {
            queue.poll();
            bytes -= sent.size();
        }
    }

    /** @return whether nothing waits */
    synchronized boolean isEmpty() {
        return queue.isEmpty();
    }

    /** @return bytes held now */
    synchronized long bytes() {
        return bytes;
    }

    /** @return messages held now */
    synchronized int size() {
        return queue.size();
    }

    /** @return the overflow policy */
    Overflow overflow() {
        return overflow;
    }
}
