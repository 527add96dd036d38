package io.tributary.coap.stack;

import java.net.InetSocketAddress;

import io.tributary.coap.message.CoapMessage;

/** Where a stack writes messages: the channel (batched, flushed at the end of a read) or a test probe. */
public interface Outbound {

    /**
     * @param message the message to send
     * @param recipient where to
     */
    void send(CoapMessage message, InetSocketAddress recipient);

    /** Runs a task on the thread that owns the stack (the channel's event loop). */
    void execute(Runnable task);

    /** @return whether the caller is on the thread that owns the stack */
    boolean inEventLoop();

    /**
     * Runs a task that sends many messages, so they go out together (one flush, batched system calls) rather than
     * one flush each; on the thread that owns the stack.
     *
     * @param task the task
     */
    default void batch(Runnable task) {
        task.run();
    }
}
