package io.tributary.upnp.publisher;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tributary.core.SubscriberQueue;
import io.tributary.core.time.Cancellable;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.http.GenaHeaders;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * A subscription a remote control point holds at this publisher (UDA 2.0 §4.1–§4.3): its SID, callback URLs and
 * expiry, and its delivery: strictly ordered, one NOTIFY in flight, a bounded queue whose overflow merges into the
 * last waiting message, SEQ +1 per message with the wrap from 4294967295 to 1. It is the only subscriber of its
 * message queue and asks for the next message when a NOTIFY is answered; nothing is sent before {@link #start}
 * (the 200 has gone out and the initial event is first in line).
 */
final class RemoteSubscription implements CoreSubscriber<EventMessage> {

    final String sid;
    final ServiceRuntime service;
    final String[] callbacks;
    final InetAddress requester;
    private final DeliveryContext delivery;
    private final SubscriberQueue<EventMessage> messages;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Disposable.Swap notify = Disposables.swap();
    private volatile long deadline;
    private volatile Cancellable expiry;
    // Touched by one NOTIFY at a time: the queue delivers the next message only after the previous one's answer.
    private volatile long seq;
    private int failures;

    RemoteSubscription(String sid, ServiceRuntime service, String[] callbacks, InetAddress requester,
                       DeliveryContext delivery) {
        this.sid = sid;
        this.service = service;
        this.callbacks = callbacks;
        this.requester = requester;
        this.delivery = delivery;
        this.messages = delivery.queue().create(this, ignored -> { });
        messages.start();
    }

    /** Arms expiry after the granted time; the timer task re-arms itself when a renewal moved the deadline. */
    void armExpiry(SchedulingClock clock, long grantedSeconds) {
        deadline = clock.nanoTime() + TimeUnit.SECONDS.toNanos(grantedSeconds);
        expiry = clock.schedule(() -> checkExpiry(clock), grantedSeconds, TimeUnit.SECONDS);
    }

    private void checkExpiry(SchedulingClock clock) {
        long remaining = deadline - clock.nanoTime();
        if (remaining <= 0) {
            delivery.ended().accept(this, EndReason.EXPIRED);
        } else if (!ended.get()) {
            expiry = clock.schedule(() -> checkExpiry(clock), remaining, TimeUnit.NANOSECONDS);
        }
    }

    /** Extends the subscription; returns false if it has already ended (the caller answers 412). */
    boolean renew(SchedulingClock clock, long grantedSeconds) {
        deadline = clock.nanoTime() + TimeUnit.SECONDS.toNanos(grantedSeconds);
        return !ended.get();
    }

    /** Marks the subscription ended and drops what waits; returns true only for the first call. */
    boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        messages.cancel();
        Cancellable timeout = expiry;
        if (timeout != null) {
            timeout.cancel();
        }
        return true;
    }

    /** Abandons a NOTIFY still in flight; for a publisher that has stopped waiting for them. */
    void abandonDelivery() {
        notify.dispose();
    }

    /** Puts the initial event (SEQ 0) before anything queued meanwhile and lets delivery begin. */
    void start(PropertySet initial) {
        messages.prefix(List.of(new EventMessage(initial)));
        messages.request(1);
    }

    /** Queues one message; when the queue is full it merges into the last waiting one. */
    void offer(EventMessage message) {
        SubscriberQueue.Offer outcome = messages.offer(message);
        if (outcome != SubscriberQueue.Offer.DROPPED) {
            (outcome == SubscriberQueue.Offer.MERGED ? delivery.meters().coalesced : delivery.meters().queued)
                    .increment();
        }
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        // The queue is this subscription's own; demand is given by start() and each answered NOTIFY.
    }

    @Override
    public void onNext(EventMessage message) {
        long current = seq;
        seq = GenaHeaders.nextSeq(current);
        notify.replace(delivery.sender().send(callbacks, sid, current, message.body(delivery.writer()))
                .subscribe(this::delivered));
    }

    private void delivered(NotifySender.Outcome outcome) {
        PublisherMeters meters = delivery.meters();
        (outcome == NotifySender.Outcome.SENT ? meters.sent : meters.failed).increment();
        EndReason end = null;
        if (outcome == NotifySender.Outcome.SENT) {
            failures = 0;
        } else if (outcome == NotifySender.Outcome.GONE) {
            end = EndReason.REFUSED;
        } else if (++failures >= delivery.maxDeliveryFailures()) {
            end = EndReason.UNDELIVERABLE;
        }
        if (end != null) {
            delivery.ended().accept(this, end);
        } else {
            messages.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        // The queue merges on overflow and this subscriber does not throw: no error reaches here.
    }

    @Override
    public void onComplete() {
        // The queue is never completed; an ended subscription cancels it.
    }

    /** @return when it expires unless renewed, on the publisher's clock */
    long deadlineNanos() {
        return deadline;
    }

    /** @return the SEQ of the next message */
    long nextSeq() {
        return seq;
    }

    /** Test hook: the SEQ the next message will carry. */
    void nextSeq(long value) {
        seq = value;
    }
}
