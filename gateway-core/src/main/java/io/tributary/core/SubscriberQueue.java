package io.tributary.core;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;

import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Operators;

/**
 * A bounded queue between producers on any thread and one subscriber, drained under the subscriber's demand: a
 * router subscription, a GENA subscription's NOTIFY queue, a GENA event stream. It never holds more than its
 * capacity, whatever the demand and however slow the subscriber: what does not fit is dropped by the overflow
 * policy, or merged into the last waiting item, and counted. Whichever thread wins the work counter delivers; a
 * producer finding nothing waiting delivers its item at once without queueing it. With an executor, a producer or
 * requester delivers at most a small batch and the rest is drained on the executor. Items of a prefix (retained
 * values, an initial event) come before anything queued. Items must not be {@code null}.
 *
 * <pre>{@code
 * SubscriberQueue<Message> queue = SubscriberQueue.<Message>spec(1024).overflow(Overflow.DROP_OLDEST)
 *         .create(subscriber, ended -> unregister(ended));
 * register(queue);                                          // producers may offer from now on
 * queue.start();                                            // onSubscribe, then delivery under demand
 * queue.offer(message);                                     // from any thread
 * }</pre>
 *
 * @param <T> the item type
 */
public final class SubscriberQueue<T> implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberQueue.class);

    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<SubscriberQueue> WIP =
            AtomicIntegerFieldUpdater.newUpdater(SubscriberQueue.class, "wip");
    @SuppressWarnings("rawtypes")
    private static final AtomicLongFieldUpdater<SubscriberQueue> REQUESTED =
            AtomicLongFieldUpdater.newUpdater(SubscriberQueue.class, "requested");
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<SubscriberQueue> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(SubscriberQueue.class, "ended");

    /** What became of an offered item. */
    public enum Offer {
        /** Queued or delivered; under {@link Overflow#DROP_OLDEST} an older item may have made room. */
        ACCEPTED,
        /** Merged into the last waiting item because the queue was full. */
        MERGED,
        /** Not queued: dropped by {@link Overflow#DROP_NEWEST}, refused by {@link Overflow#ERROR}, or ended. */
        DROPPED
    }

    private final CoreSubscriber<? super T> actual;
    private final Spec<T> spec;
    private final Consumer<? super SubscriberQueue<T>> onEnd;
    private final long inlineBudget;

    // Written under this; size mirrors items.size() and completing is volatile for reads without the lock.
    private ArrayDeque<T> items;
    private long dropped;
    private long merged;
    private volatile boolean completing;
    private volatile int size;

    private volatile int wip;
    private volatile long requested;
    private volatile boolean cancelled;
    private volatile boolean overflowed;
    private volatile int ended;
    private volatile Object[] prefix;
    // Touched only by the thread holding the work counter.
    private int prefixIndex;

    private SubscriberQueue(CoreSubscriber<? super T> actual, Spec<T> spec,
                            Consumer<? super SubscriberQueue<T>> onEnd) {
        this.actual = Objects.requireNonNull(actual, "actual");
        this.spec = spec;
        this.onEnd = Objects.requireNonNull(onEnd, "onEnd");
        this.inlineBudget = spec.executor == null ? Long.MAX_VALUE : spec.batch;
        // Held until start(): nothing, an overflow error included, reaches the subscriber before onSubscribe.
        this.wip = 1;
    }

    /**
     * @param capacity items that may wait, at least 1
     * @param <T> the item type
     * @return a spec dropping the oldest item on overflow, delivering inline, with no drop listener
     */
    public static <T> Spec<T> spec(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        return new Spec<>(capacity, Overflow.DROP_OLDEST, null, null, 0, item -> { }, "queue");
    }

    /**
     * Hands the queue to its subscriber ({@code onSubscribe}) and lets delivery begin; producers may offer before,
     * and what they offer waits. Call it once.
     */
    public void start() {
        actual.onSubscribe(this);
        drainLoop(1, inlineBudget);
    }

    /**
     * Sets items delivered before anything queued, such as retained values or an initial event; call it before
     * the subscriber's first request. Prefix items do not count against the capacity.
     *
     * @param first the items, in delivery order
     */
    public void prefix(List<? extends T> first) {
        prefixIndex = 0;
        prefix = first.isEmpty() ? null : first.toArray();
    }

    /**
     * Queues an item from any thread and delivers what the demand allows.
     *
     * @param item the item
     * @return whether it was accepted, merged or dropped
     */
    public Offer offer(T item) {
        if (cancelled || overflowed) {
            return Offer.DROPPED;
        }
        if (inlineBudget != 0 && wip == 0 && size == 0 && prefix == null && WIP.compareAndSet(this, 0, 1)) {
            long r = requested;
            if (r != 0 && size == 0 && prefix == null && !cancelled && !completing) {
                // The fast path: nothing waits and demand is there, so deliver without queueing.
                if (!emit(item)) {
                    return Offer.ACCEPTED;
                }
                if (r != Long.MAX_VALUE) {
                    REQUESTED.decrementAndGet(this);
                }
                if (WIP.decrementAndGet(this) != 0) {
                    drainLoop(1, inlineBudget - 1);
                }
                return Offer.ACCEPTED;
            }
            Offer outcome = enqueue(item);
            drainLoop(1, inlineBudget);
            return outcome;
        }
        Offer outcome = enqueue(item);
        drain();
        return outcome;
    }

    /**
     * Queues an item without delivering anything, for a producer that holds a lock of its own and keeps order
     * under it; it calls {@link #drain()} once it has released that lock.
     *
     * @param item the item
     * @return whether it was accepted, merged or dropped
     */
    public Offer add(T item) {
        if (cancelled || overflowed) {
            return Offer.DROPPED;
        }
        return enqueue(item);
    }

    /** Delivers what the demand allows of the waiting items, on this thread up to the inline batch. */
    public void drain() {
        if (WIP.getAndIncrement(this) == 0) {
            drainLoop(1, inlineBudget);
        }
    }

    /** Completes the subscriber once every item queued so far is delivered; later offers are dropped. */
    public void complete() {
        synchronized (this) {
            completing = true;
        }
        drain();
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            Operators.addCap(REQUESTED, this, n);
            drain();
        }
    }

    @Override
    public void cancel() {
        if (ENDED.compareAndSet(this, 0, 1)) {
            cancelled = true;
            onEnd.accept(this);
            drain();
        }
    }

    /** @return whether the subscriber cancelled or the queue ended it with an error */
    public boolean isCancelled() {
        return cancelled;
    }

    /** @return items waiting now, the prefix excluded */
    public int size() {
        return size;
    }

    /** @return items dropped by the overflow policy so far */
    public synchronized long dropped() {
        return dropped;
    }

    /** @return items merged into a waiting item so far */
    public synchronized long merged() {
        return merged;
    }

    private Offer enqueue(T item) {
        T evicted;
        Offer outcome = Offer.ACCEPTED;
        synchronized (this) {
            if (cancelled || completing || overflowed) {
                return Offer.DROPPED;
            }
            if (items == null) {
                items = new ArrayDeque<>();
            }
            if (items.size() < spec.capacity) {
                items.addLast(item);
                size = items.size();
                return Offer.ACCEPTED;
            }
            if (spec.merger != null && mergeIntoLast(item)) {
                return Offer.MERGED;
            }
            if (spec.overflow == Overflow.ERROR) {
                overflowed = true;
                return Offer.DROPPED;
            }
            dropped++;
            if (spec.overflow == Overflow.DROP_NEWEST) {
                evicted = item;
                outcome = Offer.DROPPED;
            } else {
                evicted = items.pollFirst();
                items.addLast(item);
            }
        }
        spec.onDrop.accept(evicted);
        return outcome;
    }

    /** Merges into the last waiting item; false when the merger declines. */
    private boolean mergeIntoLast(T item) {
        T merged = spec.merger.apply(items.peekLast(), item);
        if (merged == null) {
            return false;
        }
        items.pollLast();
        items.addLast(merged);
        this.merged++;
        return true;
    }

    @SuppressWarnings("unchecked")
    private T poll() {
        Object[] first = prefix;
        if (first != null) {
            Object next = first[prefixIndex];
            first[prefixIndex++] = null;
            if (prefixIndex == first.length) {
                prefix = null;
            }
            return (T) next;
        }
        if (size == 0) {
            return null;
        }
        synchronized (this) {
            T next = items.pollFirst();
            size = items.size();
            return next;
        }
    }

    private boolean isEmpty() {
        return size == 0 && prefix == null;
    }

    private void drainLoop(int missed, long budget) {
        for (;;) {
            if (cancelled) {
                discard();
                return;
            }
            if (overflowed) {
                end(new OverflowException(spec.label, spec.capacity));
                return;
            }
            long r = requested;
            long emitted = 0;
            while (emitted != r) {
                if (budget == 0 && !isEmpty()) {
                    settle(r, emitted);
                    handOff(missed);
                    return;
                }
                T next = poll();
                if (next == null) {
                    break;
                }
                if (!emit(next)) {
                    return;
                }
                emitted++;
                budget--;
                if (cancelled) {
                    discard();
                    return;
                }
            }
            settle(r, emitted);
            if (completing && isEmpty()) {
                cancelled = true;
                ENDED.set(this, 1);
                actual.onComplete();
                return;
            }
            missed = WIP.addAndGet(this, -missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void settle(long requestedBefore, long emitted) {
        if (emitted != 0 && requestedBefore != Long.MAX_VALUE) {
            REQUESTED.addAndGet(this, -emitted);
        }
    }

    /** Continues draining on the executor; the work counter stays held, so nobody else drains meanwhile. */
    private void handOff(int missed) {
        try {
            spec.executor.execute(() -> drainLoop(missed, Long.MAX_VALUE));
        } catch (RejectedExecutionException rejected) {
            end(rejected);
        }
    }

    private boolean emit(T item) {
        try {
            actual.onNext(item);
            return true;
        } catch (Throwable failure) {
            Exceptions.throwIfJvmFatal(failure);
            LOG.warn("{}: the subscriber threw from onNext; ending its subscription", spec.label, failure);
            end(failure);
            return false;
        }
    }

    private void end(Throwable error) {
        cancelled = true;
        discard();
        if (ENDED.compareAndSet(this, 0, 1)) {
            onEnd.accept(this);
        }
        actual.onError(error);
    }

    private synchronized void discard() {
        prefix = null;
        if (items != null) {
            items.clear();
            size = 0;
        }
    }

    @Override
    public String toString() {
        return spec.label + " (" + size + " of " + spec.capacity + " waiting)";
    }

    /**
     * How a {@link SubscriberQueue} is bounded and drained. Immutable; every method returns a changed copy.
     *
     * @param <T> the item type
     */
    public static final class Spec<T> {

        final int capacity;
        final Overflow overflow;
        final BinaryOperator<T> merger;
        final Executor executor;
        final int batch;
        final Consumer<? super T> onDrop;
        final String label;

        private Spec(int capacity, Overflow overflow, BinaryOperator<T> merger, Executor executor, int batch,
                     Consumer<? super T> onDrop, String label) {
            this.capacity = capacity;
            this.overflow = overflow;
            this.merger = merger;
            this.executor = executor;
            this.batch = batch;
            this.onDrop = onDrop;
            this.label = label;
        }

        /**
         * @param policy what a full queue does with a new item; default {@link Overflow#DROP_OLDEST}; replaces a
         *               merger
         * @return a new spec reference
         */
        public Spec<T> overflow(Overflow policy) {
            return new Spec<>(capacity, Objects.requireNonNull(policy, "policy"), null, executor, batch, onDrop,
                    label);
        }

        /**
         * Merges a new item into the last waiting one when the queue is full, so nothing is lost and order is kept.
         * The merger runs under the queue's lock and must not block; where it declines (returns {@code null}), the
         * oldest item is dropped instead.
         *
         * @param merger gives the merge of the last waiting item and the newer one, or {@code null}
         * @return a new spec reference
         */
        public Spec<T> merging(BinaryOperator<T> merger) {
            return new Spec<>(capacity, Overflow.DROP_OLDEST, Objects.requireNonNull(merger, "merger"), executor,
                    batch, onDrop, label);
        }

        /**
         * Bounds the work a producer or requester does for the subscriber: it delivers at most {@code batch} items
         * on its own thread, the rest are drained on the executor; default: everything inline.
         *
         * @param subscriberExecutor the subscriber's own executor, e.g. its event loop
         * @param batch items delivered inline per call, 0 for none
         * @return a new spec reference
         */
        public Spec<T> drainOn(Executor subscriberExecutor, int batch) {
            if (batch < 0) {
                throw new IllegalArgumentException("batch must not be negative, was " + batch);
            }
            return new Spec<>(capacity, overflow, merger, Objects.requireNonNull(subscriberExecutor, "executor"),
                    batch, onDrop, label);
        }

        /**
         * @param listener called outside the lock with each item dropped by the overflow policy, e.g. to count it;
         *                 default none
         * @return a new spec reference
         */
        public Spec<T> onDrop(Consumer<? super T> listener) {
            return new Spec<>(capacity, overflow, merger, executor, batch, Objects.requireNonNull(listener,
                    "listener"), label);
        }

        /**
         * @param name names the queue in log lines and in the {@link OverflowException}, e.g.
         *             {@code subscription 'a/#'}; default {@code queue}
         * @return a new spec reference
         */
        public Spec<T> label(String name) {
            return new Spec<>(capacity, overflow, merger, executor, batch, onDrop, Objects.requireNonNull(name,
                    "name"));
        }

        /**
         * Creates the queue of one subscriber; {@link SubscriberQueue#start()} hands it to the subscriber.
         *
         * @param subscriber where items go
         * @param onEnd called once when the subscriber cancels or the queue ends it with an error (overflow under
         *              {@link Overflow#ERROR}, a subscriber throwing from onNext), not after {@link #complete()}
         * @return the queue, also the subscriber's {@link Subscription}
         */
        public SubscriberQueue<T> create(CoreSubscriber<? super T> subscriber,
                                         Consumer<? super SubscriberQueue<T>> onEnd) {
            return new SubscriberQueue<>(subscriber, this, onEnd);
        }
    }
}
