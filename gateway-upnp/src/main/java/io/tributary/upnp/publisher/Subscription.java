package io.tributary.upnp.publisher;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.tributary.core.time.Cancellable;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.http.GenaHeaders;

/**
 * One GENA subscription on the publisher (UDA 2.0 §4.1–§4.3): its SID, callback URLs and expiry, and its
 * delivery: strictly ordered, one NOTIFY in flight, a bounded queue whose overflow merges into the last waiting
 * message, SEQ +1 per message with the wrap from 4294967295 to 1. Nothing is sent before {@link #start} (the 200
 * has gone out and the initial event is first in line). State changes are short sections under the object's
 * monitor; sending and timer calls happen outside it.
 */
final class Subscription {

    final String sid;
    final ServiceRuntime service;
    final String[] callbacks;
    final InetAddress requester;
    private volatile long deadline;
    private volatile Cancellable expiry;

    // Guarded by this.
    private long seq;
    private boolean started;
    private boolean inFlight;
    private boolean ended;
    private int failures;
    private ArrayDeque<EventMessage> queue;

    Subscription(String sid, ServiceRuntime service, String[] callbacks, InetAddress requester) {
        this.sid = sid;
        this.service = service;
        this.callbacks = callbacks;
        this.requester = requester;
    }

    /** Arms expiry after the granted time; the timer task re-arms itself when a renewal moved the deadline. */
    void armExpiry(SchedulingClock timer, long grantedSeconds) {
        deadline = timer.nanoTime() + TimeUnit.SECONDS.toNanos(grantedSeconds);
        expiry = timer.schedule(() -> checkExpiry(timer), grantedSeconds, TimeUnit.SECONDS);
    }

    private void checkExpiry(SchedulingClock timer) {
        long remaining = deadline - timer.nanoTime();
        if (remaining > 0) {
            synchronized (this) {
                if (ended) {
                    return;
                }
            }
            expiry = timer.schedule(() -> checkExpiry(timer), remaining, TimeUnit.NANOSECONDS);
            return;
        }
        service.publisher().end(this, EndReason.EXPIRED);
    }

    /** Extends the subscription; returns false if it has already ended (the caller answers 412). */
    boolean renew(SchedulingClock timer, long grantedSeconds) {
        long next = timer.nanoTime() + TimeUnit.SECONDS.toNanos(grantedSeconds);
        synchronized (this) {
            if (ended) {
                return false;
            }
            deadline = next;
            return true;
        }
    }

    /** Marks the subscription ended; returns true only for the first call. */
    boolean end() {
        synchronized (this) {
            if (ended) {
                return false;
            }
            ended = true;
            queue = null;
        }
        Cancellable timeout = expiry;
        if (timeout != null) {
            timeout.cancel();
        }
        return true;
    }

    synchronized boolean ended() {
        return ended;
    }

    /** Puts the initial event (SEQ 0) before anything queued meanwhile and lets delivery begin. */
    void start(PropertySet initial) {
        Delivery next;
        synchronized (this) {
            if (ended || started) {
                return;
            }
            queue().addFirst(new EventMessage(initial));
            started = true;
            next = nextLocked();
        }
        if (next != null) {
            deliver(next);
        }
    }

    /** Queues one message; when the queue is full it merges into the last waiting one. */
    void offer(EventMessage message) {
        Delivery next;
        boolean coalesced = false;
        synchronized (this) {
            if (ended) {
                return;
            }
            ArrayDeque<EventMessage> waiting = queue();
            if (waiting.size() >= service.publisher().options().queueCapacity()) {
                waiting.addLast(waiting.pollLast().mergedWith(message));
                coalesced = true;
            } else {
                waiting.addLast(message);
            }
            next = nextLocked();
        }
        PublisherMeters meters = service.publisher().meters();
        (coalesced ? meters.coalesced : meters.queued).increment();
        if (next != null) {
            deliver(next);
        }
    }

    private ArrayDeque<EventMessage> queue() {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        return queue;
    }

    private Delivery nextLocked() {
        if (!started || inFlight || ended || queue == null || queue.isEmpty()) {
            return null;
        }
        inFlight = true;
        Delivery delivery = new Delivery(queue.pollFirst(), seq);
        seq = GenaHeaders.nextSeq(seq);
        return delivery;
    }

    private void deliver(Delivery delivery) {
        RunningPublisher publisher = service.publisher();
        publisher.sender().send(callbacks, sid, delivery.seq, delivery.message.body(publisher.writer()))
                .subscribe(this::delivered);
    }

    private void delivered(NotifySender.Outcome outcome) {
        RunningPublisher publisher = service.publisher();
        Delivery next = null;
        EndReason end = null;
        synchronized (this) {
            inFlight = false;
            if (outcome == NotifySender.Outcome.SENT) {
                failures = 0;
            } else if (outcome == NotifySender.Outcome.GONE) {
                end = EndReason.REFUSED;
            } else if (++failures >= publisher.options().maxDeliveryFailures()) {
                end = EndReason.UNDELIVERABLE;
            }
            if (end == null) {
                next = nextLocked();
            }
        }
        (outcome == NotifySender.Outcome.SENT ? publisher.meters().sent : publisher.meters().failed).increment();
        if (end != null) {
            publisher.end(this, end);
        } else if (next != null) {
            deliver(next);
        }
    }

    /** Test hook: the SEQ the next message will carry. */
    synchronized void nextSeq(long value) {
        seq = value;
    }

    private record Delivery(EventMessage message, long seq) {
    }
}
