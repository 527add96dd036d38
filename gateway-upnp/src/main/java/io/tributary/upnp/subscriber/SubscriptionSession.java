package io.tributary.upnp.subscriber;

import java.net.URI;
import java.time.Duration;

import io.tributary.core.SubscriberQueue;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.event.PropertySetException;
import io.tributary.upnp.http.GenaHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import reactor.util.retry.Retry;

/**
 * One subscription of a {@link RunningSubscriber} (UDA 2.0 §4.1–§4.3, control-point side). Its life is one Reactor
 * pipeline: SUBSCRIBE, then renew at about half the granted time with jitter until continuity is lost (a failed
 * renewal, a 412, a SEQ gap or an unreadable event, each signalled to the consumer as a gap), then subscribe
 * again: at once after the first loss, with back-off after failed SUBSCRIBEs and repeated losses. NOTIFYs that
 * arrive before the SUBSCRIBE answer wait for it. Every SID given up is unsubscribed by a second pipeline, which
 * ends once the session is closed and everything is unsubscribed. State checked by NOTIFY handling sits under the
 * monitor; requests, timers and consumer code run outside it.
 */
final class SubscriptionSession {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSession.class);
    private static final Sinks.EmitFailureHandler CONTENDED = Sinks.EmitFailureHandler.busyLooping(
            Duration.ofSeconds(1));

    /** What the callback server answers a NOTIFY with. */
    enum Verdict { OK, UNKNOWN_SID, MALFORMED }

    /** Lifecycle of a session. */
    private enum State { SUBSCRIBING, ACTIVE, WAITING, CLOSED }

    final String token;
    private final URI url;
    private final SessionContext context;
    private final SubscriberQueue<GenaEvent> events;
    /** SIDs to unsubscribe, in the order they were given up; completed when the control pipeline ends. */
    private final Sinks.Many<String> retired = Sinks.many().unicast()
            .onBackpressureBuffer(Queues.<String>small().get());
    private final Sinks.Empty<Void> unsubscribed = Sinks.empty();
    private final Disposable.Swap control = Disposables.swap();
    private final Disposable cleanup;

    // Guarded by this.
    private State state = State.SUBSCRIBING;
    private String sid;
    private long expected;
    private long last = -1;
    private long grantedSeconds;
    private int failures;
    /** Completed by the answer to the SUBSCRIBE under way; NOTIFYs that came early wait on it. */
    private Sinks.Empty<Void> answered = Sinks.empty();
    /** Told by NOTIFY handling that the active SID lost continuity. */
    private Sinks.One<ContinuityLost> lost = Sinks.one();

    SubscriptionSession(URI url, String token, SessionContext context, CoreSubscriber<? super GenaEvent> consumer) {
        this.url = url;
        this.token = token;
        this.context = context;
        this.events = context.events().create(consumer, ended -> close());
        this.cleanup = retired.asFlux()
                .flatMap(this::unsubscribe)
                .doFinally(signal -> {
                    unsubscribed.tryEmitEmpty();
                    context.finished().accept(this);
                })
                .subscribe();
    }

    /** Hands the events to the consumer and starts subscribing. */
    void start() {
        events.start();
        control.update(Mono.defer(this::cycle)
                .retryWhen(Retry.from(signals -> signals.map(Retry.RetrySignal::failure)
                        .takeWhile(failure -> !isClosed())
                        .concatMap(this::pause)))
                .doFinally(signal -> retired.emitComplete(CONTENDED))
                .subscribe(null, failure -> LOG.error("subscription to {} stopped: {}", url, failure.toString())));
    }

    /** One subscription: SUBSCRIBE, then renewals until continuity is lost, which ends it with an error. */
    private Mono<Void> cycle() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return Mono.empty();
            }
            state = State.SUBSCRIBING;
            sid = null;
            expected = 0;
            last = -1;
        }
        return context.requests().subscribe(url, token, context.timing().timeoutSeconds())
                .onErrorMap(failure -> new SubscribeFailed(failure.toString()))
                .flatMap(answer -> answer.status() == 200 && answer.sid() != null ? Mono.just(answer)
                        : Mono.error(new SubscribeFailed("answer " + answer.status()
                        + (answer.sid() == null ? " without SID" : ""))))
                .doOnError(SubscribeFailed.class, failure -> subscribeFailed())
                .flatMap(this::active)
                .onErrorResume(SubscribeFailed.class, failure -> isClosed() ? Mono.empty() : Mono.error(failure))
                .doOnError(ContinuityLost.class, this::lose);
    }

    private Mono<Void> active(GenaRequests.Answer answer) {
        Sinks.Empty<Void> release;
        Sinks.One<ContinuityLost> loss = Sinks.one();
        boolean closed;
        synchronized (this) {
            release = answered;
            answered = Sinks.empty();
            closed = state == State.CLOSED;
            if (!closed) {
                state = State.ACTIVE;
                sid = answer.sid();
                grantedSeconds = context.timing().granted(answer.grantedSeconds());
                lost = loss;
                context.meters().active.incrementAndGet();
            }
        }
        context.meters().request("subscribe", true);
        release.tryEmitEmpty();
        if (closed) {
            // Closed while the SUBSCRIBE was under way: do not leave it behind at the publisher.
            retire(answer.sid());
            return Mono.empty();
        }
        LOG.debug("subscribed to {}: {} for {} s", url, answer.sid(), answer.grantedSeconds());
        Mono<Void> renewals = Mono.defer(() -> Mono.delay(context.timing().renewal(grantedSeconds()),
                        context.scheduler()))
                .then(Mono.defer(() -> renew(answer.sid())))
                .repeat()
                .then();
        return Mono.when(renewals, loss.asMono().flatMap(Mono::error));
    }

    private void subscribeFailed() {
        Sinks.Empty<Void> release;
        synchronized (this) {
            if (state == State.SUBSCRIBING) {
                state = State.WAITING;
            }
            release = answered;
            answered = Sinks.empty();
        }
        context.meters().request("subscribe", false);
        release.tryEmitEmpty();
    }

    private Mono<Void> renew(String current) {
        return context.requests().renew(url, current, context.timing().timeoutSeconds())
                .onErrorResume(failure -> {
                    context.meters().request("renew", false);
                    LOG.info("renewal of {} at {} failed ({}); subscribing again", current, url, failure.toString());
                    return Mono.error(new ContinuityLost(GenaEvent.GapReason.RENEWAL_FAILED, true, false));
                })
                .flatMap(answer -> {
                    if (answer.status() == 200) {
                        context.meters().request("renew", true);
                        synchronized (this) {
                            failures = 0;
                            grantedSeconds = context.timing().granted(answer.grantedSeconds());
                        }
                        return Mono.empty();
                    }
                    context.meters().request("renew", false);
                    LOG.info("renewal of {} at {} answered {}; subscribing again", current, url, answer.status());
                    boolean gone = answer.status() == 412;
                    return Mono.error(new ContinuityLost(gone ? GenaEvent.GapReason.SUBSCRIPTION_LOST
                            : GenaEvent.GapReason.RENEWAL_FAILED, !gone, false));
                });
    }

    /** Continuity is lost: tell the consumer (unless already told) and give the old SID up. */
    private void lose(ContinuityLost loss) {
        String old;
        synchronized (this) {
            if (state != State.ACTIVE) {
                return;
            }
            old = sid;
            if (!loss.signalled) {
                events.add(GenaEvent.gap(old, loss.reason));
            }
            leaveActive();
            state = State.WAITING;
            sid = null;
        }
        context.meters().gap(loss.reason);
        events.drain();
        if (loss.unsubscribe) {
            retire(old);
        }
    }

    /** The wait before the next SUBSCRIBE: none after a first loss, back-off after failures and repeated losses. */
    private Mono<Long> pause(Throwable failure) {
        if (!(failure instanceof SubscribeFailed) && !(failure instanceof ContinuityLost)) {
            return Mono.error(failure);
        }
        Duration delay;
        synchronized (this) {
            int before = failures++;
            delay = failure instanceof ContinuityLost && before == 0 ? Duration.ZERO
                    : context.timing().backoff(before + 1);
        }
        if (failure instanceof SubscribeFailed) {
            LOG.warn("SUBSCRIBE to {} failed ({}); trying again in {} ms", url, failure.getMessage(),
                    delay.toMillis());
        }
        // No wait needs no timer: subscribe again at once, on this thread, as the loss was handled.
        return delay.isZero() ? Mono.just(0L) : Mono.delay(delay, context.scheduler());
    }

    /** Queues a SID for UNSUBSCRIBE; the control pipeline and close() may give one up at the same moment. */
    private void retire(String old) {
        retired.emitNext(old, CONTENDED);
    }

    private Mono<Void> unsubscribe(String old) {
        return context.requests().unsubscribe(url, old)
                .doOnNext(answer -> context.meters().request("unsubscribe", answer.status() == 200))
                .doOnError(failure -> context.meters().request("unsubscribe", false))
                .onErrorResume(failure -> {
                    LOG.debug("UNSUBSCRIBE {} at {} failed: {}", old, url, failure.toString());
                    return Mono.empty();
                })
                .then();
    }

    /**
     * Handles one NOTIFY whose headers were checked by the callback server.
     *
     * @param notifySid the SID header
     * @param seq the SEQ header
     * @param body the capped body
     * @param mayHold whether to wait for the SID when the SUBSCRIBE answer has not come yet
     * @return the verdict for the answer status
     */
    Mono<Verdict> notify(String notifySid, long seq, byte[] body, boolean mayHold) {
        Sinks.Empty<Void> wait = null;
        Sinks.One<ContinuityLost> loss;
        synchronized (this) {
            if (state == State.SUBSCRIBING && mayHold) {
                wait = answered;
            } else if (state != State.ACTIVE || !notifySid.equals(sid)) {
                return Mono.just(Verdict.UNKNOWN_SID);
            }
            loss = lost;
        }
        if (wait != null) {
            return wait.asMono().timeout(context.holdTimeout(), Mono.empty(), context.scheduler())
                    .then(Mono.defer(() -> notify(notifySid, seq, body, false)));
        }
        return Mono.fromSupplier(() -> accept(loss, notifySid, seq, body));
    }

    private Verdict accept(Sinks.One<ContinuityLost> loss, String notifySid, long seq, byte[] body) {
        PropertySet properties;
        try {
            properties = context.reader().read(body);
        } catch (PropertySetException e) {
            LOG.info("NOTIFY {} SEQ {} from {} unreadable ({}); subscribing again", notifySid, seq, url,
                    e.getMessage());
            loss.tryEmitValue(new ContinuityLost(GenaEvent.GapReason.MALFORMED_EVENT, true, false));
            return Verdict.MALFORMED;
        }
        long gapExpected = -1;
        SubscriberQueue.Offer offered;
        synchronized (this) {
            if (state != State.ACTIVE || lost != loss || !notifySid.equals(sid)) {
                return Verdict.UNKNOWN_SID;
            }
            if (seq == expected) {
                expected = GenaHeaders.nextSeq(seq);
                last = seq;
                failures = 0;
            } else if (seq == last) {
                return Verdict.OK; // a repeated delivery of the last message
            } else {
                gapExpected = expected;
                events.add(GenaEvent.gap(notifySid, GenaEvent.GapReason.SEQ_GAP));
            }
            offered = events.add(GenaEvent.properties(notifySid, seq, properties));
        }
        context.meters().events.increment();
        if (offered == SubscriberQueue.Offer.MERGED) {
            context.meters().coalesced.increment();
        }
        events.drain();
        if (gapExpected >= 0) {
            LOG.info("SEQ gap on {} from {}: expected {}, got {}; subscribing again", notifySid, url, gapExpected,
                    seq);
            loss.tryEmitValue(new ContinuityLost(GenaEvent.GapReason.SEQ_GAP, true, true));
        }
        return Verdict.OK;
    }

    /** Stops renewing and re-subscribing and gives the current SID up; a SUBSCRIBE under way is let finish. */
    void close() {
        boolean subscribing;
        String current;
        Sinks.Empty<Void> release;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            subscribing = state == State.SUBSCRIBING;
            current = state == State.ACTIVE ? sid : null;
            leaveActive();
            state = State.CLOSED;
            release = answered;
        }
        release.tryEmitEmpty();
        if (current != null) {
            retire(current);
        }
        if (!subscribing) {
            // Its end completes the retired SIDs; a SUBSCRIBE under way ends the pipeline itself when answered.
            control.dispose();
        }
    }

    /** Closes, then completes the consumer's Flux once everything queued is delivered. */
    void closeAndComplete() {
        close();
        events.complete();
    }

    /** @return completes when the session is closed and every SID it gave up is unsubscribed */
    Mono<Void> unsubscribed() {
        return unsubscribed.asMono();
    }

    /** Cancels whatever is still under way, for a subscriber that stopped waiting. */
    void abandon() {
        control.dispose();
        cleanup.dispose();
    }

    private synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    private void leaveActive() {
        if (state == State.ACTIVE) {
            context.meters().active.decrementAndGet();
        }
    }

    private synchronized long grantedSeconds() {
        return grantedSeconds;
    }

    /** @return a snapshot for status views */
    synchronized SourceSubscription status() {
        return new SourceSubscription(url, state.name(), sid, last, state == State.ACTIVE ? grantedSeconds : 0,
                failures);
    }

    /** Test hook: the SEQ the next NOTIFY must carry, to exercise the wrap. */
    synchronized void expectNext(long seq) {
        expected = seq;
    }

    /** Test hook: NOTIFYs waiting for the answer to the SUBSCRIBE under way. */
    synchronized int heldNotifies() {
        return answered.currentSubscriberCount();
    }

    /** A SUBSCRIBE that was not answered 200 with a SID; retried with back-off. */
    private static final class SubscribeFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SubscribeFailed(String cause) {
            super(cause, null, false, false);
        }
    }

    /** The active SID lost continuity; the consumer is told with a gap and the session subscribes again. */
    private static final class ContinuityLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final GenaEvent.GapReason reason;
        final boolean unsubscribe;
        final boolean signalled;

        ContinuityLost(GenaEvent.GapReason reason, boolean unsubscribe, boolean signalled) {
            super(reason.tag(), null, false, false);
            this.reason = reason;
            this.unsubscribe = unsubscribe;
            this.signalled = signalled;
        }
    }
}
