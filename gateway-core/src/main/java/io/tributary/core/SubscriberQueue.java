package io.tributary.core;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;

/**
 * One router subscription: a bounded multi-producer queue drained to one subscriber under its demand. Publishers
 * on any thread offer; whichever thread wins the work-in-progress counter drains, so no thread hop is needed and
 * no lock is taken. Retained messages captured at subscription time are emitted before the queue.
 */
final class SubscriberQueue implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberQueue.class);

    private static final AtomicIntegerFieldUpdater<SubscriberQueue> WIP =
            AtomicIntegerFieldUpdater.newUpdater(SubscriberQueue.class, "wip");
    private static final AtomicLongFieldUpdater<SubscriberQueue> REQUESTED =
            AtomicLongFieldUpdater.newUpdater(SubscriberQueue.class, "requested");
    private static final AtomicLongFieldUpdater<SubscriberQueue> PRODUCED =
            AtomicLongFieldUpdater.newUpdater(SubscriberQueue.class, "produced");
    private static final AtomicLongFieldUpdater<SubscriberQueue> CONSUMED =
            AtomicLongFieldUpdater.newUpdater(SubscriberQueue.class, "consumed");

    private final CoreSubscriber<? super Message> actual;
    private final TopicFilter filter;
    private final int capacity;
    private final Overflow overflow;
    private final Router router;
    private final LongAdder routerDrops;
    private final Queue<Message> queue = Queues.<Message>unboundedMultiproducer().get();

    private volatile int wip;
    private volatile long requested;
    private volatile long produced;
    private volatile long consumed;
    private volatile boolean cancelled;
    private volatile boolean overflowed;
    private volatile Message[] retained = new Message[0];
    private final LongAdder dropped = new LongAdder();
    private int retainedIndex;
    private boolean done;

    SubscriberQueue(CoreSubscriber<? super Message> actual, TopicFilter filter, SubscribeOptions options,
                    Router router, LongAdder routerDrops) {
        this.actual = actual;
        this.filter = filter;
        this.capacity = options.capacity();
        this.overflow = options.overflow();
        this.router = router;
        this.routerDrops = routerDrops;
    }

    TopicFilter filter() {
        return filter;
    }

    void retainedFirst(Message[] snapshot) {
        this.retained = snapshot;
    }

    long dropped() {
        return dropped.sum();
    }

    /** Queues one message from any thread; returns false when it was dropped. */
    boolean offer(Message message) {
        if (cancelled || overflowed) {
            return false;
        }
        if (produced - consumed >= capacity) {
            if (overflow == Overflow.DROP_NEWEST) {
                countDrop();
                return false;
            }
            if (overflow == Overflow.ERROR) {
                overflowed = true;
                drain();
                return false;
            }
        }
        PRODUCED.getAndIncrement(this);
        queue.offer(message);
        drain();
        return true;
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
        if (!cancelled) {
            cancelled = true;
            router.unregister(this);
            drain();
        }
    }

    private void countDrop() {
        dropped.increment();
        routerDrops.increment();
    }

    private void drain() {
        if (WIP.getAndIncrement(this) != 0) {
            return;
        }
        int missed = 1;
        for (;;) {
            if (done) {
                return;
            }
            if (cancelled) {
                queue.clear();
                retained = null;
                return;
            }
            if (overflowed) {
                terminate(new OverflowException(filter, capacity));
                return;
            }
            trimOldest();
            long r = requested;
            long emitted = emitRetained(r);
            while (emitted != r) {
                Message next = queue.poll();
                if (next == null) {
                    break;
                }
                CONSUMED.lazySet(this, consumed + 1);
                if (!deliver(next)) {
                    return;
                }
                emitted++;
            }
            if (emitted != 0 && r != Long.MAX_VALUE) {
                REQUESTED.addAndGet(this, -emitted);
            }
            missed = WIP.addAndGet(this, -missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void trimOldest() {
        while (produced - consumed > capacity) {
            if (queue.poll() == null) {
                return;
            }
            CONSUMED.lazySet(this, consumed + 1);
            countDrop();
        }
    }

    private long emitRetained(long r) {
        Message[] snapshot = retained;
        long emitted = 0;
        while (snapshot != null && retainedIndex < snapshot.length && emitted != r) {
            Message next = snapshot[retainedIndex];
            snapshot[retainedIndex++] = null;
            if (!deliver(next)) {
                return emitted;
            }
            emitted++;
        }
        return emitted;
    }

    private boolean deliver(Message message) {
        try {
            actual.onNext(message);
            return true;
        } catch (Throwable failure) {
            LOG.warn("subscriber of '{}' threw from onNext; ending its subscription", filter, failure);
            terminate(failure);
            return false;
        }
    }

    private void terminate(Throwable error) {
        done = true;
        cancelled = true;
        router.unregister(this);
        queue.clear();
        actual.onError(error);
    }
}
