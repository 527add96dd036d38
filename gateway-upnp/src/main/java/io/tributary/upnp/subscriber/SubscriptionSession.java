package io.tributary.upnp.subscriber;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.tributary.core.time.Cancellable;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.event.PropertySetException;
import io.tributary.upnp.http.GenaHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One subscription of a {@link GenaSubscriber} (UDA 2.0 §4.1–§4.3, control-point side): subscribes, renews at
 * about half the granted time with jitter, checks SEQ continuity, re-subscribes after a failed renewal, a 412, a
 * SEQ gap or an unreadable event (signalling a gap to the consumer), holds a NOTIFY that arrives before the SID is
 * known, and unsubscribes when closed. Every (re)subscription has a generation so that late answers of an earlier
 * one are recognised. State changes are short sections under the monitor; requests, timers and consumer code run
 * outside it.
 */
final class SubscriptionSession {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSession.class);

    /** Lifecycle of a session. */
    private enum State { NEW, SUBSCRIBING, ACTIVE, WAITING, CLOSED }

    /** What the callback server answers a NOTIFY with. */
    enum Verdict { OK, UNKNOWN_SID, MALFORMED }

    private final GenaSubscriber owner;
    private final URI url;
    private final SubscriptionOptions options;
    final String token;
    private EventBuffer buffer;

    // Guarded by this.
    private State state = State.NEW;
    private String sid;
    private long expected;
    private long last = -1;
    private int generation;
    private int failures;
    private Cancellable pending;
    private List<Sinks.Empty<Void>> held = new ArrayList<>();

    SubscriptionSession(GenaSubscriber owner, URI url, SubscriptionOptions options, String token) {
        this.owner = owner;
        this.url = url;
        this.options = options;
        this.token = token;
    }

    void start(EventBuffer events) {
        this.buffer = events;
        subscribe();
    }

    private void subscribe() {
        int gen;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            leaveActive();
            state = State.SUBSCRIBING;
            sid = null;
            expected = 0;
            last = -1;
            gen = ++generation;
        }
        owner.requests().subscribe(url, token, options.timeout().getSeconds())
                .subscribe(answer -> subscribed(gen, answer), failure -> subscribeFailed(gen, failure.toString()));
    }

    private void subscribed(int gen, GenaRequests.Answer answer) {
        if (answer.status() != 200 || answer.sid() == null) {
            subscribeFailed(gen, "answer " + answer.status() + (answer.sid() == null ? " without SID" : ""));
            return;
        }
        List<Sinks.Empty<Void>> release;
        synchronized (this) {
            if (state != State.SUBSCRIBING || gen != generation) {
                release = null;
            } else {
                state = State.ACTIVE;
                owner.meters().active.incrementAndGet();
                sid = answer.sid();
                release = held;
                held = new ArrayList<>();
            }
        }
        owner.meters().request("subscribe", true);
        if (release == null) {
            // Closed or superseded while the SUBSCRIBE was under way: do not leave it behind at the publisher.
            owner.requests().unsubscribe(url, answer.sid()).subscribe(ignored -> { }, ignored -> { });
            return;
        }
        LOG.debug("subscribed to {}: {} for {} s", url, answer.sid(), answer.grantedSeconds());
        release.forEach(Sinks.Empty::tryEmitEmpty);
        scheduleRenewal(gen, granted(answer));
    }

    private void subscribeFailed(int gen, String cause) {
        long delay;
        List<Sinks.Empty<Void>> release;
        synchronized (this) {
            if (state != State.SUBSCRIBING || gen != generation) {
                return;
            }
            state = State.WAITING;
            delay = backoffNanos(++failures);
            release = held;
            held = new ArrayList<>();
        }
        owner.meters().request("subscribe", false);
        release.forEach(Sinks.Empty::tryEmitEmpty);
        LOG.warn("SUBSCRIBE to {} failed ({}); trying again in {} ms", url, cause,
                TimeUnit.NANOSECONDS.toMillis(delay));
        schedule(gen, delay, this::subscribe);
    }

    private void scheduleRenewal(int gen, long grantedSeconds) {
        double half = grantedSeconds * 0.5;
        double factor = 1 + options.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        long delay = (long) (half * factor * 1_000_000_000L);
        schedule(gen, Math.max(delay, TimeUnit.MILLISECONDS.toNanos(500)), () -> renew(gen));
    }

    private void renew(int gen) {
        String current;
        synchronized (this) {
            if (state != State.ACTIVE || gen != generation) {
                return;
            }
            current = sid;
        }
        owner.requests().renew(url, current, options.timeout().getSeconds()).subscribe(answer -> {
            if (answer.status() == 200) {
                owner.meters().request("renew", true);
                synchronized (this) {
                    failures = 0;
                }
                scheduleRenewal(gen, granted(answer));
            } else {
                owner.meters().request("renew", false);
                LOG.info("renewal of {} at {} answered {}; subscribing again", current, url, answer.status());
                lost(gen, answer.status() == 412 ? GenaEvent.GapReason.SUBSCRIPTION_LOST
                        : GenaEvent.GapReason.RENEWAL_FAILED, answer.status() != 412, true);
            }
        }, failure -> {
            owner.meters().request("renew", false);
            LOG.info("renewal of {} at {} failed ({}); subscribing again", current, url, failure.toString());
            lost(gen, GenaEvent.GapReason.RENEWAL_FAILED, true, true);
        });
    }

    /** Continuity is lost: tell the consumer (unless already told), drop the old SID and subscribe again. */
    private void lost(int gen, GenaEvent.GapReason reason, boolean unsubscribeOld, boolean signal) {
        String old;
        long delay;
        synchronized (this) {
            if (state != State.ACTIVE || gen != generation) {
                return;
            }
            old = sid;
            if (signal) {
                buffer.add(GenaEvent.gap(old, reason));
            }
            delay = failures++ == 0 ? 0 : backoffNanos(failures);
            leaveActive();
            state = State.WAITING;
        }
        owner.meters().gap(reason);
        buffer.drain();
        if (unsubscribeOld && old != null) {
            owner.requests().unsubscribe(url, old).subscribe(ignored -> { }, ignored -> { });
        }
        if (delay == 0) {
            subscribe();
        } else {
            schedule(gen, delay, this::subscribe);
        }
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
        int gen;
        synchronized (this) {
            if (state == State.SUBSCRIBING && mayHold) {
                wait = Sinks.empty();
                held.add(wait);
            } else if (state != State.ACTIVE || !notifySid.equals(sid)) {
                return Mono.just(Verdict.UNKNOWN_SID);
            }
            gen = generation;
        }
        if (wait != null) {
            return wait.asMono().timeout(owner.options().holdTimeout(), Mono.empty())
                    .then(Mono.defer(() -> notify(notifySid, seq, body, false)));
        }
        return Mono.fromSupplier(() -> accept(gen, notifySid, seq, body));
    }

    private Verdict accept(int gen, String notifySid, long seq, byte[] body) {
        PropertySet properties;
        try {
            properties = owner.reader().read(body);
        } catch (PropertySetException e) {
            LOG.info("NOTIFY {} SEQ {} from {} unreadable ({}); subscribing again", notifySid, seq, url,
                    e.getMessage());
            lost(gen, GenaEvent.GapReason.MALFORMED_EVENT, true, true);
            return Verdict.MALFORMED;
        }
        boolean gap = false;
        boolean coalesced;
        synchronized (this) {
            if (state != State.ACTIVE || gen != generation || !notifySid.equals(sid)) {
                return Verdict.UNKNOWN_SID;
            }
            if (seq == expected) {
                expected = GenaHeaders.nextSeq(seq);
                last = seq;
                failures = 0;
            } else if (seq == last) {
                return Verdict.OK; // a repeated delivery of the last message
            } else {
                LOG.info("SEQ gap on {} from {}: expected {}, got {}; subscribing again", notifySid, url, expected,
                        seq);
                buffer.add(GenaEvent.gap(notifySid, GenaEvent.GapReason.SEQ_GAP));
                gap = true;
            }
            coalesced = buffer.add(GenaEvent.properties(notifySid, seq, properties));
        }
        owner.meters().events.increment();
        if (coalesced) {
            owner.meters().coalesced.increment();
        }
        buffer.drain();
        if (gap) {
            lost(gen, GenaEvent.GapReason.SEQ_GAP, true, false);
        }
        return Verdict.OK;
    }

    /** Stops everything and unsubscribes the current SID, if any. */
    Mono<Void> close() {
        String current;
        Cancellable timeout;
        List<Sinks.Empty<Void>> release;
        synchronized (this) {
            if (state == State.CLOSED) {
                return Mono.empty();
            }
            current = state == State.ACTIVE ? sid : null;
            leaveActive();
            state = State.CLOSED;
            timeout = pending;
            pending = null;
            release = held;
            held = new ArrayList<>();
        }
        if (timeout != null) {
            timeout.cancel();
        }
        owner.unregister(this);
        release.forEach(Sinks.Empty::tryEmitEmpty);
        if (current == null) {
            return Mono.empty();
        }
        return owner.requests().unsubscribe(url, current)
                .doOnNext(answer -> owner.meters().request("unsubscribe", answer.status() == 200))
                .doOnError(failure -> owner.meters().request("unsubscribe", false))
                .onErrorResume(failure -> {
                    LOG.debug("UNSUBSCRIBE {} at {} failed: {}", current, url, failure.toString());
                    return Mono.empty();
                })
                .then();
    }

    /** Completes the consumer's Flux after closing. */
    Mono<Void> closeAndComplete() {
        return close().doFinally(signal -> buffer.complete());
    }

    private void leaveActive() {
        if (state == State.ACTIVE) {
            owner.meters().active.decrementAndGet();
        }
    }

    private void schedule(int gen, long delayNanos, Runnable task) {
        Cancellable timeout = owner.timer().schedule(() -> {
            synchronized (this) {
                if (gen != generation || state == State.CLOSED) {
                    return;
                }
            }
            task.run();
        }, delayNanos, TimeUnit.NANOSECONDS);
        Cancellable previous;
        synchronized (this) {
            if (state == State.CLOSED) {
                previous = timeout;
            } else {
                previous = pending;
                pending = timeout;
            }
        }
        if (previous != null) {
            previous.cancel();
        }
    }

    private long granted(GenaRequests.Answer answer) {
        return answer.grantedSeconds() > 0 ? answer.grantedSeconds() : options.timeout().getSeconds();
    }

    private long backoffNanos(int attempt) {
        long max = options.maxBackoff().toNanos();
        long delay = options.minBackoff().toNanos();
        for (int i = 1; i < attempt && delay < max; i++) {
            delay = Math.min(max, delay * 2);
        }
        return delay;
    }

    /** Test hook: the SEQ the next NOTIFY must carry, to exercise the wrap. */
    synchronized void expectNext(long seq) {
        expected = seq;
    }

    /** @return the current SID, or {@code null} while not subscribed */
    synchronized String sid() {
        return sid;
    }
}
