package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The observe relations of one stack, by peer (a list through the relations, for (peer, token) lookups and the caps
 * per peer) and by resource (each resource's list for this stack, walked by a notification); the counts the caps
 * and gauges read. Event-loop confined.
 */
final class ObserveRelations {

    private final Observations observations;
    private final int index;
    private final int maxPerPeer;
    private final Map<InetSocketAddress, PeerObservers> byPeer = new HashMap<>();
    private int count;

    /**
     * @param observations the endpoint's relations: the total cap and the counters
     * @param index this stack's place in each resource's lists
     * @param maxPerPeer relations one peer may hold
     */
    ObserveRelations(Observations observations, int index, int maxPerPeer) {
        this.observations = observations;
        this.index = index;
        this.maxPerPeer = maxPerPeer;
    }

    /** @return relations held */
    int count() {
        return count;
    }

    /**
     * @param now the stack's clock now, for the ages
     * @return every relation held, peer by peer
     */
    List<CoapObserver> snapshot(long now) {
        List<CoapObserver> observers = new ArrayList<>(count);
        for (PeerObservers owner : byPeer.values()) {
            for (ObserveRelation relation = owner.head; relation != null; relation = relation.peerNext) {
                observers.add(new CoapObserver(owner.address, relation.resource.path(),
                        HexFormat.of().formatHex(relation.token), relation.sequence, relation.confirmable,
                        Duration.ofNanos(now - relation.registeredNanos)));
            }
        }
        return observers;
    }

    /** @return the first relation of a peer (the rest follow through {@code peerNext}), or {@code null} */
    ObserveRelation ofPeer(InetSocketAddress sender) {
        PeerObservers owner = byPeer.get(sender);
        return owner == null ? null : owner.head;
    }

    /** @return the relation of a peer and token, or {@code null} */
    ObserveRelation find(InetSocketAddress sender, byte[] token) {
        for (ObserveRelation relation = ofPeer(sender); relation != null; relation = relation.peerNext) {
            if (Arrays.equals(relation.token, token)) {
                return relation;
            }
        }
        return null;
    }

    /**
     * A new relation, within the caps per peer and in total.
     *
     * @return the relation, or {@code null} when a cap was reached (counted as {@link RemovalReason#LIMIT})
     */
    ObserveRelation create(ObserveLayer layer, InetSocketAddress sender, byte[] token, ObservableResource resource) {
        PeerObservers owner = byPeer.get(sender);
        if ((owner != null && owner.count >= maxPerPeer) || maxPerPeer == 0 || !observations.reserve()) {
            observations.count(RemovalReason.LIMIT);
            return null;
        }
        if (owner == null) {
            owner = new PeerObservers(sender);
            byPeer.put(sender, owner);
        }
        ObserveRelation relation = new ObserveRelation(layer, token, owner);
        relation.peerNext = owner.head;
        if (owner.head != null) {
            owner.head.peerPrevious = relation;
        }
        owner.head = relation;
        owner.count++;
        count++;
        link(relation, resource);
        return relation;
    }

    /** The same peer and token registered again, perhaps for another resource: the relation stays (§4.1). */
    void renew(ObserveRelation relation, ObservableResource resource) {
        if (relation.resource != resource) {
            ObservableResource old = relation.resource;
            unlink(relation);
            link(relation, resource);
            old.observerRemoved();
        }
    }

    /** Takes a relation out of its peer's and its resource's lists and out of the counts, once. */
    void detach(ObserveRelation relation, RemovalReason reason) {
        PeerObservers owner = relation.owner;
        if (relation.peerPrevious != null) {
            relation.peerPrevious.peerNext = relation.peerNext;
        } else {
            owner.head = relation.peerNext;
        }
        if (relation.peerNext != null) {
            relation.peerNext.peerPrevious = relation.peerPrevious;
        }
        relation.peerNext = null;
        relation.peerPrevious = null;
        if (--owner.count == 0) {
            byPeer.remove(owner.address, owner);
        }
        ObservableResource resource = relation.resource;
        unlink(relation);
        count--;
        observations.release(reason);
        resource.observerRemoved();
    }

    private void link(ObserveRelation relation, ObservableResource resource) {
        relation.resource = resource;
        ObserveRelation head = resource.heads[index];
        relation.resourceNext = head;
        relation.resourcePrevious = null;
        if (head != null) {
            head.resourcePrevious = relation;
        }
        resource.heads[index] = relation;
        resource.observerAdded();
    }

    private void unlink(ObserveRelation relation) {
        ObservableResource resource = relation.resource;
        if (relation.resourcePrevious != null) {
            relation.resourcePrevious.resourceNext = relation.resourceNext;
        } else {
            resource.heads[index] = relation.resourceNext;
        }
        if (relation.resourceNext != null) {
            relation.resourceNext.resourcePrevious = relation.resourcePrevious;
        }
        relation.resourceNext = null;
        relation.resourcePrevious = null;
    }
}
