package io.tributary.coap.stack;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.tributary.core.config.Settings;

/**
 * The observe relations of one endpoint (RFC 7641), held by the Observe layers of its stacks: the cap on their
 * total, the hand-off of a resource's new state to each stack's loop, and the counters the meters read.
 */
public final class Observations {

    private final int maxObservers;
    private final int stacks;
    private final AtomicInteger relations = new AtomicInteger();
    private final List<ObserveLayer> layers = new CopyOnWriteArrayList<>();
    private final LongAdder confirmable = new LongAdder();
    private final LongAdder nonConfirmable = new LongAdder();
    private final LongAdder[] removed = new LongAdder[RemovalReason.values().length];

    Observations(Settings protocol, int stacks) {
        this.maxObservers = protocol.get(StackConfig.MAX_OBSERVERS);
        this.stacks = stacks;
        for (int i = 0; i < removed.length; i++) {
            removed[i] = new LongAdder();
        }
    }

    synchronized int attach(ObserveLayer layer) {
        if (layers.size() == stacks) {
            throw new IllegalStateException("the endpoint was made for " + stacks + " stacks");
        }
        layers.add(layer);
        return layers.size() - 1;
    }

    /** @return how many stacks the endpoint has */
    int stackCount() {
        return stacks;
    }

    /** Hands a resource's latest state to every stack that has relations of it, once per pending hand-off. */
    void dispatch(ObservableResource resource) {
        for (int i = 0; i < layers.size(); i++) {
            if (resource.heads[i] != null && resource.schedule(i)) {
                ObserveLayer layer = layers.get(i);
                int stack = i;
                layer.inLoop(() -> {
                    resource.scheduled(stack);
                    layer.notify(resource);
                });
            }
        }
    }

    /** Takes a place for a new relation; {@code false} when {@code max-observers} are held. */
    boolean reserve() {
        if (relations.incrementAndGet() > maxObservers) {
            relations.decrementAndGet();
            return false;
        }
        return true;
    }

    void release(RemovalReason reason) {
        relations.decrementAndGet();
        count(reason);
    }

    void count(RemovalReason reason) {
        removed[reason.ordinal()].increment();
    }

    void notified(boolean con) {
        (con ? confirmable : nonConfirmable).increment();
    }

    /** @return relations held */
    public int relations() {
        return relations.get();
    }

    /**
     * @param con CON (true) or NON (false) notifications
     * @return notifications sent of that type
     */
    public long notifications(boolean con) {
        return (con ? confirmable : nonConfirmable).sum();
    }

    /**
     * @param reason why
     * @return relations removed (or, for {@link RemovalReason#LIMIT}, refused) for that reason
     */
    public long removed(RemovalReason reason) {
        return removed[reason.ordinal()].sum();
    }
}
