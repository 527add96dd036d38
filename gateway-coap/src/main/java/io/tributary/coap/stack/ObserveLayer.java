package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.List;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.message.ObserveSequence;
import io.tributary.core.config.Settings;

/**
 * The server side of Observe (RFC 7641) on one stack, above block-wise transfer. Relations are keyed by (peer,
 * token): a GET with Observe 0 answered with a 2.05 (or 2.03) state of an {@link ObservableResource} registers, or
 * renews the relation of the same peer and token; Observe 1 removes it; a plain GET changes nothing. Notifications
 * carry strictly increasing 24-bit Observe values per relation, follow the registration's message type (with a CON
 * every {@code notification-check-interval-count} notifications or {@code -time}, §4.5), and a CON notification in
 * flight is replaced by a newer state at its next retransmission (§4.5.2). RST to any notification, a CON one
 * unacknowledged, a final 4.xx/5.xx state or a format the registration cannot take (4.06) end a relation.
 * Event-loop confined but for {@link Observations#dispatch}.
 */
final class ObserveLayer {

    private static final int FIRST_SEQUENCE = 2;

    private final StackContext context;
    private final PeerTable peers;
    private final Reliability reliability;
    private final BlockwiseLayer blocks;
    private final Observations observations;
    private final int index;
    private final ObserveRelations relations;
    private final NotificationType notificationType;
    private final long checkIntervalNanos;
    private final int checkIntervalCount;

    ObserveLayer(StackContext context, PeerTable peers, Reliability reliability, BlockwiseLayer blocks,
                 Observations observations, Settings protocol) {
        this.context = context;
        this.peers = peers;
        this.reliability = reliability;
        this.blocks = blocks;
        this.observations = observations;
        this.notificationType = protocol.get(StackConfig.NOTIFICATION_TYPE);
        this.checkIntervalNanos = protocol.get(StackConfig.NOTIFICATION_CHECK_INTERVAL_TIME).toNanos();
        this.checkIntervalCount = protocol.get(StackConfig.NOTIFICATION_CHECK_INTERVAL_COUNT);
        this.index = observations.attach(this);
        this.relations = new ObserveRelations(observations, index, protocol.get(StackConfig.MAX_OBSERVERS_PER_PEER));
    }

    void inLoop(Runnable task) {
        context.inLoop(task);
    }

    /** @return relations held by this stack */
    int relationCount() {
        return relations.count();
    }

    /** @return a snapshot of this stack's relations; on the stack's loop only */
    List<CoapObserver> observers() {
        return relations.snapshot(context.wheel().nanoTime());
    }

    /** The way up: Observe 1 removes the peer's relation with the request's token at once; Observe 0 is noted. */
    void receive(Negotiated negotiated) {
        CoapMessage request = negotiated.request;
        if (request.code() != CoapCode.GET && request.code() != CoapCode.FETCH) {
            return;
        }
        long observe = request.options().uint(CoapOption.OBSERVE, -1);
        if (observe == ObserveSequence.REGISTER) {
            negotiated.register = true;
        } else if (observe == ObserveSequence.DEREGISTER) {
            ObserveRelation relation = relations.find(negotiated.sender, request.token());
            if (relation != null) {
                end(relation, RemovalReason.DEREGISTER);
            }
        }
    }

    /**
     * The way down: a registration answered with a success state of an observable resource makes or renews its
     * relation and carries the relation's Observe value; every other response goes without Observe (§3.1, §4.1).
     *
     * @param negotiated what the request asked for, or {@code null} for a plain request
     * @param response the responder's response
     * @return the response with or without Observe
     */
    Response respond(Negotiated negotiated, Response response) {
        ObservableResource resource = response.observable();
        if (negotiated == null || !negotiated.register) {
            if (resource != null) {
                resource.answered();
            }
            return withoutObserve(response);
        }
        CoapMessage request = negotiated.request;
        ObserveRelation relation = relations.find(negotiated.sender, request.token());
        boolean state = response.code() == CoapCode.CONTENT || response.code() == CoapCode.VALID;
        if (resource == null || !state || (negotiated.block2 != null && negotiated.block2.num() > 0)) {
            if (relation != null && (resource == null || !state)) {
                end(relation, RemovalReason.DEREGISTER);
            }
            if (resource != null) {
                resource.answered();
            }
            return withoutObserve(response);
        }
        if (relation != null) {
            relations.renew(relation, resource);
        } else {
            relation = relations.create(this, negotiated.sender, request.token(), resource);
            if (relation != null) {
                relation.sequence = FIRST_SEQUENCE - 1;
                relation.lastConNanos = context.wheel().nanoTime();
                relation.registeredNanos = relation.lastConNanos;
            }
        }
        Response out;
        if (relation == null) {
            out = withoutObserve(response);
        } else {
            int accept = request.options().accept();
            relation.format = accept >= 0 ? accept : response.options().contentFormat();
            relation.szx = blocks.notificationSzx(negotiated.block2);
            relation.confirmable = request.type() == CoapType.CON;
            Response newest = resource.state();
            // A 2.03 validated what the client holds: taken as the current state, which it need not get again.
            relation.lastState = response.code() == CoapCode.VALID && newest != null ? newest : response;
            relation.sequence = ObserveSequence.next(relation.sequence);
            out = DerivedResponse.withOptions(response, response.options().withUint(CoapOption.OBSERVE,
                    relation.sequence));
            if (newest != null && newest != relation.lastState && relation.phase == ObserveRelation.Phase.IDLE) {
                // A state that changed while this answer was on its way follows it, after it left.
                relation.pending = newest;
                context.wheel().arm(relation, 0);
            }
        }
        resource.answered();
        return out;
    }

    /** Hands a resource's latest state to this stack's relations of it, the notifications flushed together. */
    void notify(ObservableResource resource) {
        Response state = resource.state();
        if (state != null && resource.heads[index] != null) {
            context.outbound().batch(() -> fanOut(resource, state));
        }
    }

    private void fanOut(ObservableResource resource, Response state) {
        Response[] shaped = new Response[7];
        for (ObserveRelation relation = resource.heads[index]; relation != null; ) {
            ObserveRelation next = relation.resourceNext;
            if (state != relation.lastState && relation.phase != ObserveRelation.Phase.ENDING
                    && relation.phase != ObserveRelation.Phase.DONE) {
                if (relation.phase == ObserveRelation.Phase.IN_FLIGHT || relation.armed()) {
                    relation.pending = state;
                } else {
                    if (shaped[relation.szx] == null) {
                        shaped[relation.szx] = blocks.notificationBlock(state, relation.szx);
                    }
                    send(relation, state, shaped[relation.szx]);
                }
            }
            relation = next;
        }
    }

    /** RST with the message ID of a NON notification: the relation ends (§3.6); whether one matched. */
    boolean reset(InetSocketAddress sender, int messageId) {
        for (ObserveRelation relation = relations.ofPeer(sender); relation != null; relation = relation.peerNext) {
            if (relation.lastNonMessageId == messageId) {
                end(relation, RemovalReason.RST);
                return true;
            }
        }
        return false;
    }

    void acknowledged(ObserveRelation relation) {
        relation.message = null;
        if (relation.phase == ObserveRelation.Phase.ENDING) {
            relation.phase = ObserveRelation.Phase.DONE;
            return;
        }
        if (relation.phase != ObserveRelation.Phase.IN_FLIGHT) {
            return;
        }
        relation.phase = ObserveRelation.Phase.IDLE;
        sendPending(relation);
    }

    void rejected(ObserveRelation relation) {
        if (relation.phase == ObserveRelation.Phase.ENDING) {
            relation.phase = ObserveRelation.Phase.DONE;
            return;
        }
        end(relation, RemovalReason.RST);
    }

    void timedOut(ObserveRelation relation) {
        if (relation.phase == ObserveRelation.Phase.ENDING) {
            relation.phase = ObserveRelation.Phase.DONE;
            return;
        }
        relation.phase = ObserveRelation.Phase.IDLE;
        end(relation, RemovalReason.TIMEOUT);
    }

    void retransmitDue(ObserveRelation relation) {
        switch (relation.phase) {
            case IDLE:
                sendPending(relation);
                return;
            case IN_FLIGHT:
                if (relation.pending != null) {
                    replaceInFlight(relation);
                }
                reliability.onTimer(relation);
                return;
            case ENDING:
                reliability.onTimer(relation);
                return;
            default:
        }
    }

    private void sendPending(ObserveRelation relation) {
        Response state = relation.pending;
        relation.pending = null;
        if (state != null && state != relation.lastState) {
            send(relation, state, blocks.notificationBlock(state, relation.szx));
        }
    }

    /**
     * §4.5.2: a newer state goes out in place of the CON notification being retransmitted, with a new message ID
     * but the old one's retransmission counter and timeout.
     */
    private void replaceInFlight(ObserveRelation relation) {
        Response state = relation.pending;
        relation.pending = null;
        int messageId = context.nextMessageId(relation.address);
        if (messageId < 0 || state == relation.lastState) {
            return;
        }
        Response out = prepare(relation, state, blocks.notificationBlock(state, relation.szx));
        relation.peer.acknowledged(relation.message.messageId());
        relation.message = CoapMessage.of(CoapType.CON, out.code(), messageId, relation.token, out.options(),
                out.payload());
        relation.peer.expectAck(messageId, relation);
        observations.notified(true);
        if (relation.ending != null) {
            relations.detach(relation, relation.ending);
            relation.phase = ObserveRelation.Phase.ENDING;
        }
    }

    private void send(ObserveRelation relation, Response state, Response shaped) {
        Response out = prepare(relation, state, shaped);
        boolean last = relation.ending != null;
        long now = context.wheel().nanoTime();
        boolean con = last ? relation.confirmable || notificationType == NotificationType.CONFIRMABLE
                : confirmable(relation, now);
        int messageId = context.nextMessageId(relation.address);
        Peer peer = con && messageId >= 0 ? peers.acquire(relation.address) : null;
        if (messageId < 0 || (con && peer == null)) {
            context.counters().rejected.increment();
            if (last) {
                end(relation, relation.ending);
            }
            return;
        }
        CoapMessage message = CoapMessage.of(con ? CoapType.CON : CoapType.NON, out.code(), messageId,
                relation.token, out.options(), out.payload());
        observations.notified(con);
        if (last) {
            relations.detach(relation, relation.ending);
        }
        if (con) {
            relation.peer = peer;
            relation.message = message;
            relation.nonSinceCon = 0;
            relation.lastConNanos = now;
            relation.phase = last ? ObserveRelation.Phase.ENDING : ObserveRelation.Phase.IN_FLIGHT;
            reliability.send(relation);
        } else {
            context.send(message, relation.address);
            relation.lastNonMessageId = messageId;
            relation.nonSinceCon++;
            relation.phase = last ? ObserveRelation.Phase.DONE : ObserveRelation.Phase.IDLE;
        }
    }

    /** The notification for a state: the next Observe value, or a final notification that ends the relation. */
    private Response prepare(ObserveRelation relation, Response state, Response shaped) {
        relation.lastState = state;
        if (!state.code().isSuccess()) {
            relation.ending = state.code() == CoapCode.NOT_ACCEPTABLE ? RemovalReason.NOT_ACCEPTABLE
                    : RemovalReason.DELETED;
            return withoutObserve(shaped);
        }
        if (relation.format >= 0 && state.options().contentFormat() != relation.format) {
            relation.ending = RemovalReason.NOT_ACCEPTABLE;
            return Diagnostic.of(CoapCode.NOT_ACCEPTABLE, "the resource is no longer available in Content-Format "
                    + relation.format);
        }
        relation.sequence = ObserveSequence.next(relation.sequence);
        return DerivedResponse.withOptions(shaped, shaped.options().withUint(CoapOption.OBSERVE, relation.sequence));
    }

    private boolean confirmable(ObserveRelation relation, long now) {
        switch (notificationType) {
            case CONFIRMABLE:
                return true;
            case FOLLOW_REGISTRATION:
                if (relation.confirmable) {
                    return true;
                }
                return checkDue(relation, now);
            default:
                return checkDue(relation, now);
        }
    }

    private boolean checkDue(ObserveRelation relation, long now) {
        return relation.nonSinceCon + 1 >= checkIntervalCount || now - relation.lastConNanos >= checkIntervalNanos;
    }

    /** Ends a relation now: it leaves its lists and stops retransmitting. */
    private void end(ObserveRelation relation, RemovalReason reason) {
        if (relation.phase == ObserveRelation.Phase.DONE) {
            return;
        }
        if (relation.phase == ObserveRelation.Phase.IN_FLIGHT || relation.phase == ObserveRelation.Phase.ENDING) {
            reliability.abandon(relation);
        } else {
            context.wheel().cancel(relation);
        }
        if (relation.phase != ObserveRelation.Phase.ENDING) {
            relations.detach(relation, reason);
        }
        relation.phase = ObserveRelation.Phase.DONE;
        relation.pending = null;
        relation.message = null;
    }

    private static Response withoutObserve(Response response) {
        return response.options().has(CoapOption.OBSERVE)
                ? DerivedResponse.withOptions(response, response.options().without(CoapOption.OBSERVE)) : response;
    }
}
