package io.tributary.coap.stack;

import io.tributary.coap.message.CoapMessage;

/**
 * One observe relation (RFC 7641 §4.1): a client endpoint and token observing a resource. It is its own CON
 * notification in flight (at most one per relation, §4.5.2) and the retransmission timer of it; a newer state
 * waits in {@code pending}, replacing any older one, so its memory is bounded. Linked into the lists of its peer
 * and of its resource; confined to its stack's loop.
 */
final class ObserveRelation extends OutgoingConfirmable {

    enum Phase { IDLE, IN_FLIGHT, ENDING, DONE }

    private final ObserveLayer layer;
    final byte[] token;
    final PeerObservers owner;
    ObservableResource resource;
    ObserveRelation peerNext;
    ObserveRelation peerPrevious;
    ObserveRelation resourceNext;
    ObserveRelation resourcePrevious;
    Phase phase = Phase.IDLE;
    /** The last Observe value sent, 24 bits. */
    int sequence;
    /** The Content-Format notifications must have (the registration's Accept, else its response's), or -1. */
    int format;
    /** The block size exponent notifications are cut at. */
    int szx;
    /** Whether the registration was CON, which notifications follow by default. */
    boolean confirmable;
    int nonSinceCon;
    long lastConNanos;
    /** When the relation was made, on the stack's clock. */
    long registeredNanos;
    int lastNonMessageId = -1;
    /** The last state sent, so a state handed over twice goes out once. */
    Response lastState;
    /** The newest state not yet sent because a CON notification is in flight. */
    Response pending;
    /** The reason the relation ends once its final notification is settled. */
    RemovalReason ending;

    ObserveRelation(ObserveLayer layer, byte[] token, PeerObservers owner) {
        this.layer = layer;
        this.token = token;
        this.owner = owner;
        this.address = owner.address;
    }

    @Override
    void acknowledged(CoapMessage ack) {
        layer.acknowledged(this);
    }

    @Override
    void reset() {
        layer.rejected(this);
    }

    @Override
    void gaveUp() {
        layer.timedOut(this);
    }

    @Override
    void retransmitDue() {
        layer.retransmitDue(this);
    }
}
