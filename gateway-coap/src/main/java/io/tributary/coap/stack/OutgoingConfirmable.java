package io.tributary.coap.stack;

import java.net.InetSocketAddress;

import io.tributary.coap.message.CoapMessage;

/**
 * A confirmable message this endpoint sent and retransmits until an ACK or RST with its message ID arrives from
 * the peer, or MAX_RETRANSMIT is exhausted (RFC 7252 §4.2). Subclasses say what each outcome means.
 */
abstract class OutgoingConfirmable extends WheelTask {

    InetSocketAddress address;
    Peer peer;
    CoapMessage message;
    long timeoutNanos;
    int retransmissions;

    /** The peer acknowledged; {@code ack} is the ACK, empty or carrying a piggybacked response. */
    abstract void acknowledged(CoapMessage ack);

    /** The peer rejected the message with RST. */
    abstract void reset();

    /** No ACK after the last retransmission's timeout. */
    abstract void gaveUp();

    /** A retransmission timer fired; {@link Reliability} decides whether to send again. */
    abstract void retransmitDue();

    @Override
    protected final void expire() {
        retransmitDue();
    }
}
