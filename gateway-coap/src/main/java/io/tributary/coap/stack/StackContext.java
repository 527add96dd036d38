package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;

import io.tributary.coap.message.CoapMessage;

/**
 * What the parts of one stack share, and nothing more: where messages go and the loop that owns the stack, its
 * timers, the endpoint's counters and message IDs, and the stack's seeded randomness. Confined to the event loop
 * but for {@link #inLoop}.
 *
 * @param outbound the channel (or a test probe)
 * @param wheel the stack's timers
 * @param counters the endpoint's counters
 * @param messageIds the endpoint's message IDs
 * @param random the stack's randomness: retransmission jitter, tokens, multicast leisure
 */
record StackContext(Outbound outbound, TimerWheel wheel, StackCounters counters, MessageIds messageIds,
                    SplittableRandom random) {

    void send(CoapMessage message, InetSocketAddress recipient) {
        outbound.send(message, recipient);
    }

    /** Runs a task on the stack's event loop: now if already there. */
    void inLoop(Runnable task) {
        if (outbound.inEventLoop()) {
            task.run();
        } else {
            outbound.execute(task);
        }
    }

    /** @return the next message ID toward a peer, or -1 when all were used within EXCHANGE_LIFETIME (§4.4) */
    int nextMessageId(InetSocketAddress peer) {
        return messageIds.next(peer, wheel.nanoTime());
    }
}
