package io.tributary.upnp.subscriber;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import io.tributary.upnp.event.PropertySet;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;

/**
 * A bounded buffer between NOTIFY handling and the consumer of one subscription's {@code Flux}. When the consumer
 * falls behind and the buffer is full, a new event merges into the last waiting one (a variable's newer value
 * replacing the older, the newer SEQ kept), so state is never lost and order never changes. Adding never calls
 * consumer code; {@link #drain()} delivers under the consumer's demand on whichever thread wins the work counter.
 */
final class EventBuffer implements Subscription {

    private static final AtomicIntegerFieldUpdater<EventBuffer> WIP =
            AtomicIntegerFieldUpdater.newUpdater(EventBuffer.class, "wip");
    private static final AtomicLongFieldUpdater<EventBuffer> REQUESTED =
            AtomicLongFieldUpdater.newUpdater(EventBuffer.class, "requested");

    private final CoreSubscriber<? super GenaEvent> actual;
    private final ArrayDeque<GenaEvent> queue = new ArrayDeque<>();
    private final int capacity;
    private final Runnable onCancel;
    private volatile int wip;
    private volatile long requested;
    private volatile boolean cancelled;
    private volatile boolean done;

    EventBuffer(CoreSubscriber<? super GenaEvent> actual, int capacity, Runnable onCancel) {
        this.actual = actual;
        this.capacity = capacity;
        this.onCancel = onCancel;
    }

    /** Adds an event; returns true when it had to be merged into the last waiting event. */
    boolean add(GenaEvent event) {
        synchronized (queue) {
            if (cancelled) {
                return false;
            }
            GenaEvent last = queue.peekLast();
            if (queue.size() >= capacity && last != null && !last.isGap() && !event.isGap()
                    && last.sid().equals(event.sid())) {
                queue.pollLast();
                java.util.Map<String, String> merged = last.properties().toMap();
                merged.putAll(event.properties().toMap());
                queue.addLast(GenaEvent.properties(event.sid(), event.seq(), PropertySet.of(merged)));
                return true;
            }
            queue.addLast(event);
            return false;
        }
    }

    private GenaEvent poll() {
        synchronized (queue) {
            return queue.pollFirst();
        }
    }

    private boolean isEmpty() {
        synchronized (queue) {
            return queue.isEmpty();
        }
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
            onCancel.run();
            drain();
        }
    }

    /** Completes the consumer's {@code Flux} once everything added so far is delivered. */
    void complete() {
        done = true;
        drain();
    }

    void drain() {
        if (WIP.getAndIncrement(this) != 0) {
            return;
        }
        int missed = 1;
        while (true) {
            long demand = requested;
            long emitted = 0;
            while (emitted != demand && !cancelled) {
                GenaEvent next = poll();
                if (next == null) {
                    break;
                }
                actual.onNext(next);
                emitted++;
            }
            if (cancelled) {
                synchronized (queue) {
                    queue.clear();
                }
                return;
            }
            if (done && isEmpty()) {
                cancelled = true;
                actual.onComplete();
                return;
            }
            if (emitted != 0 && demand != Long.MAX_VALUE) {
                REQUESTED.addAndGet(this, -emitted);
            }
            missed = WIP.addAndGet(this, -missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
