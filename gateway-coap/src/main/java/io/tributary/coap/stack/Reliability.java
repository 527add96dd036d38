package io.tributary.coap.stack;

import java.util.SplittableRandom;

import io.tributary.core.config.Settings;

/**
 * The message layer's reliability for outgoing CONs (RFC 7252 §4.2, §4.8): the first timeout is random in
 * [ACK_TIMEOUT, ACK_TIMEOUT x ACK_RANDOM_FACTOR], each retransmission doubles it, and after MAX_RETRANSMIT the
 * exchange gives up at the last timeout. Matching of ACK and RST by (peer, message ID). Event-loop confined.
 */
final class Reliability {

    private final CoapStack stack;
    private final TimerWheel wheel;
    private final CoapStats stats;
    private final SplittableRandom random;
    private final long ackTimeoutNanos;
    private final double randomFactor;
    private final int maxRetransmit;

    Reliability(CoapStack stack, Settings config, TimerWheel wheel, CoapStats stats, SplittableRandom random) {
        this.stack = stack;
        this.wheel = wheel;
        this.stats = stats;
        this.random = random;
        this.ackTimeoutNanos = config.get(StackConfig.ACK_TIMEOUT).toNanos();
        this.randomFactor = config.get(StackConfig.ACK_RANDOM_FACTOR);
        this.maxRetransmit = config.get(StackConfig.MAX_RETRANSMIT);
    }

    /** Sends a CON for the first time and arms its retransmission timer. */
    void send(OutgoingConfirmable outgoing) {
        outgoing.retransmissions = 0;
        long spread = (long) (ackTimeoutNanos * (randomFactor - 1.0));
        outgoing.timeoutNanos = ackTimeoutNanos + (spread > 0 ? random.nextLong(spread + 1) : 0);
        outgoing.peer.expectAck(outgoing.message.messageId(), outgoing);
        stack.write(outgoing.message, outgoing.address);
        wheel.arm(outgoing, outgoing.timeoutNanos);
    }

    /** Called when the timer of an outgoing CON fires: retransmit with a doubled timeout, or give up. */
    void onTimer(OutgoingConfirmable outgoing) {
        if (outgoing.retransmissions < maxRetransmit) {
            outgoing.retransmissions++;
            outgoing.timeoutNanos <<= 1;
            stats.retransmissions.increment();
            stack.write(outgoing.message, outgoing.address);
            wheel.arm(outgoing, outgoing.timeoutNanos);
            return;
        }
        outgoing.peer.acknowledged(outgoing.message.messageId());
        stack.releaseIfIdle(outgoing.peer);
        stats.timeouts.increment();
        outgoing.gaveUp();
    }

    /** Stops retransmitting a CON whose ACK or RST arrived; returns it, or {@code null} if none was pending. */
    OutgoingConfirmable settle(Peer peer, int messageId) {
        OutgoingConfirmable outgoing = peer.acknowledged(messageId);
        if (outgoing != null) {
            wheel.cancel(outgoing);
            stack.releaseIfIdle(peer);
        }
        return outgoing;
    }

    /** Forgets a CON without waiting for its ACK (the requester cancelled). */
    void abandon(OutgoingConfirmable outgoing) {
        wheel.cancel(outgoing);
        if (outgoing.peer != null && outgoing.message != null) {
            if (outgoing.peer.awaiting(outgoing.message.messageId()) == outgoing) {
                outgoing.peer.acknowledged(outgoing.message.messageId());
                stack.releaseIfIdle(outgoing.peer);
            }
        }
    }
}
