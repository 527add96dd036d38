package io.tributary.coap.stack;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A resource clients can observe (RFC 7641), as the application side holds it: its current state, and the
 * relations of every stack of the endpoint that observe it. {@link #changed} hands a new state to all of them;
 * each stack takes the latest state when its loop gets to it, so a burst of changes costs each stack one task
 * and each relation at most one pending state. The application keeps the resource while
 * {@link #answering() answers are on their way} or relations exist, and is told through {@link #idle()} when
 * neither is left.
 */
public abstract class ObservableResource {

    private final Observations observations;
    private final AtomicInteger observers = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicIntegerArray scheduled;
    /** Each stack's relations of this resource, a list touched only by that stack's loop. */
    final ObserveRelation[] heads;
    private volatile Response state;

    /** @param observations the endpoint's observations, whose stacks hold the relations */
    protected ObservableResource(Observations observations) {
        this.observations = observations;
        int stacks = observations.stackCount();
        this.scheduled = new AtomicIntegerArray(stacks);
        this.heads = new ObserveRelation[stacks];
    }

    /** @return the last state given to {@link #changed}, or {@code null} */
    public final Response state() {
        return state;
    }

    /**
     * Notifies every observer of a new state, from any thread: a 2.xx state becomes a notification with the next
     * Observe value, any other code a final notification that ends the relations (4.04 when the resource is gone).
     *
     * @param newState the resource's new state
     */
    public final void changed(Response newState) {
        state = newState;
        if (observers.get() > 0) {
            observations.dispatch(this);
        }
    }

    /** @return relations observing this resource, across the endpoint's stacks */
    public final int observers() {
        return observers.get();
    }

    /**
     * Announces that a response carrying this resource is on its way to a stack; each call is matched by one
     * {@link #answered()}, which the stack makes once the response passed its Observe layer.
     */
    public final void answering() {
        answers.incrementAndGet();
    }

    /** Ends one {@link #answering()}: the response reached the stack, or never will (its handler failed). */
    public final void answered() {
        if (answers.decrementAndGet() == 0 && observers.get() == 0) {
            idle();
        }
    }

    /** @return whether an answer announced by {@link #answering()} has not reached its stack yet */
    protected final boolean answersPending() {
        return answers.get() > 0;
    }

    /** Called with no relation and no answer on its way left, on any thread; it may race with a new one. */
    protected abstract void idle();

    /** @return the resource's path and query as observers name it, for status views; {@code null} by default */
    public String path() {
        return null;
    }

    boolean schedule(int stack) {
        return scheduled.compareAndSet(stack, 0, 1);
    }

    void scheduled(int stack) {
        scheduled.set(stack, 0);
    }

    void observerAdded() {
        observers.incrementAndGet();
    }

    void observerRemoved() {
        if (observers.decrementAndGet() == 0 && answers.get() == 0) {
            idle();
        }
    }
}
