package io.tributary.coap.stack;

import io.tributary.core.config.Settings;

/**
 * The message layer's reliability for outgoing CONs (RFC 7252 §4.2, §4.8): the first timeout is random in
 * [ACK_TIMEOUT, ACK_TIMEOUT x ACK_RANDOM_FACTOR], each retransmission doubles it, and after MAX_RETRANSMIT the
 * exchange gives up at the last timeout. Matching of ACK and RST by (peer, message ID). Event-loop confined.
 */
final class Reliability {

    private final StackContext context;
    private final PeerTable peers;
    private final long ackTimeoutNanos;
    private final long spreadNanos;
    private final int maxRetransmit;

    /**
     * @param context the stack's sends, timers, counters and randomness
     * @param peers where each peer's CONs awaiting an ACK are kept
     * @param protocol ACK_TIMEOUT, ACK_RANDOM_FACTOR and MAX_RETRANSMIT, values of {@link StackConfig#SECTION}
     */
    Reliability(StackContext context, PeerTable peers, Settings protocol) {
        this.context = context;
        this.peers = peers;
        this.ackTimeoutNanos = protocol.get(StackConfig.ACK_TIMEOUT).toNanos();
        this.spreadNanos = (long) (ackTimeoutNanos * (protocol.get(StackConfig.ACK_RANDOM_FACTOR) - 1.0));
        this.maxRetransmit = protocol.get(StackConfig.MAX_RETRANSMIT);
    }

    /** Sends a CON for the first time and arms its retransmission timer. */
    void send(OutgoingConfirmable outgoing) {
        outgoing.retransmissions = 0;
        outgoing.timeoutNanos = ackTimeoutNanos + (spreadNanos > 0 ? context.random().nextLong(spreadNanos + 1) : 0);
        outgoing.peer.expectAck(outgoing.message.messageId(), outgoing);
        context.send(outgoing.message, outgoing.address);
        context.wheel().arm(outgoing, outgoing.timeoutNanos);
    }

    /** Called when the timer of an outgoing CON fires: retransmit with a doubled timeout, or give up. */
    void onTimer(OutgoingConfirmable outgoing) {
        if (outgoing.retransmissions < maxRetransmit) {
            outgoing.retransmissions++;
            outgoing.timeoutNanos <<= 1;
            context.counters().retransmissions.increment();
            context.send(outgoing.message, outgoing.address);
            context.wheel().arm(outgoing, outgoing.timeoutNanos);
            return;
        }
        outgoing.peer.acknowledged(outgoing.message.messageId());
        peers.releaseIfIdle(outgoing.peer);
        context.counters().timeouts.increment();
        outgoing.gaveUp();
    }

    /** Stops retransmitting a CON whose ACK or RST arrived; returns it, or {@code null} if none was pending. */
    OutgoingConfirmable settle(Peer peer, int messageId) {
        OutgoingConfirmable outgoing = peer.acknowledged(messageId);
        if (outgoing != null) {
            context.wheel().cancel(outgoing);
            peers.releaseIfIdle(peer);
        }
        return outgoing;
    }

    /** Forgets a CON without waiting for its ACK (the requester cancelled). */
    void abandon(OutgoingConfirmable outgoing) {
        context.wheel().cancel(outgoing);
        if (outgoing.peer != null && outgoing.message != null) {
            if (outgoing.peer.awaiting(outgoing.message.messageId()) == outgoing) {
                outgoing.peer.acknowledged(outgoing.message.messageId());
                peers.releaseIfIdle(outgoing.peer);
            }
        }
    }
}
