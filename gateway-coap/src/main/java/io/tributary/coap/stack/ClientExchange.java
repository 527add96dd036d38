package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.tributary.coap.message.CoapMessage;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * One client request from first transmission to response: it is the subscriber's {@code Subscription}, the
 * retransmission and response timer, and the entry in the token table, so a request in flight costs one object
 * beside its message. Its state changes on the client stack's event loop only.
 *
 * @param <R> what the response becomes for the subscriber
 */
final class ClientExchange<R> extends OutgoingConfirmable implements Subscription {

    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<ClientExchange> STARTED =
            AtomicIntegerFieldUpdater.newUpdater(ClientExchange.class, "started");

    enum Phase { NEW, QUEUED, AWAIT_ACK, AWAIT_RESPONSE, DONE }

    private final ClientLayer layer;
    private final ClientResults<R> results;
    private final CoreSubscriber<? super R> actual;
    CoapMessage template;
    final boolean confirmable;
    final boolean ping;
    Phase phase = Phase.NEW;
    long token;
    /** Whether {@link #token} was chosen by the caller (an observation's), not drawn at sending. */
    final boolean ownToken;
    boolean holdsSlot;
    private volatile int started;
    volatile boolean cancelled;

    ClientExchange(ClientLayer layer, CoapMessage template, InetSocketAddress address, boolean confirmable,
                   boolean ping, ClientResults<R> results, CoreSubscriber<? super R> actual, Long token) {
        this.layer = layer;
        this.ownToken = token != null;
        this.token = token != null ? token : 0;
        this.template = template;
        this.address = address;
        this.confirmable = confirmable;
        this.ping = ping;
        this.results = results;
        this.actual = actual;
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n) && STARTED.compareAndSet(this, 0, 1)) {
            layer.submit(this);
        }
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            layer.abandon(this);
        }
    }

    @Override
    void acknowledged(CoapMessage ack) {
        if (phase != Phase.AWAIT_ACK) {
            return;
        }
        if (ping || !ack.isEmpty()) {
            succeed(ack);
            return;
        }
        // Empty ACK: the response will come separately (§5.2.2).
        phase = Phase.AWAIT_RESPONSE;
        layer.awaitResponse(this);
    }

    @Override
    void reset() {
        if (ping) {
            succeed(null);
        } else {
            fail(new ExchangeFailure(ExchangeFailure.Reason.RESET, describe() + " was rejected with RST"));
        }
    }

    @Override
    void gaveUp() {
        fail(new ExchangeFailure(ExchangeFailure.Reason.TIMEOUT, describe() + ": no ACK after " + retransmissions
                + " retransmissions (RFC 7252 §4.2)"));
    }

    @Override
    void retransmitDue() {
        if (phase == Phase.AWAIT_ACK) {
            layer.retransmitDue(this);
        } else if (phase == Phase.AWAIT_RESPONSE) {
            layer.responseTimedOut(this);
        }
    }

    /** Completes with a response (or, for a ping, with nothing); on the event loop. */
    void succeed(CoapMessage response) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        layer.finished(this);
        if (!cancelled) {
            if (response != null && !response.isEmpty()) {
                actual.onNext(results.response(response, address));
            }
            actual.onComplete();
        }
    }

    /** Fails the request; on the event loop. */
    void fail(ExchangeFailure failure) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        layer.finished(this);
        if (!cancelled) {
            actual.onError(results.failure(failure));
        }
    }

    /** The message is built: the template is no longer needed, and need not stay in memory while in flight. */
    void sent() {
        template = null;
    }

    String describe() {
        CoapMessage shown = template != null ? template : message;
        String what = ping ? "ping" : (confirmable ? "CON " : "NON ") + shown.code()
                + " /" + String.join("/", shown.options().uriPath());
        return what + " to " + address;
    }

    /** The cold publisher of one request: each subscription is a new exchange. */
    static final class RequestMono<R> extends Mono<R> {
        private final ClientLayer layer;
        private final CoapMessage template;
        private final InetSocketAddress address;
        private final boolean confirmable;
        private final boolean ping;
        private final ClientResults<R> results;
        private final Long token;

        RequestMono(ClientLayer layer, CoapMessage template, InetSocketAddress address, boolean confirmable,
                    boolean ping, ClientResults<R> results, Long token) {
            this.layer = layer;
            this.token = token;
            this.template = template;
            this.address = address;
            this.confirmable = confirmable;
            this.ping = ping;
            this.results = results;
        }

        @Override
        public void subscribe(CoreSubscriber<? super R> actual) {
            actual.onSubscribe(new ClientExchange<>(layer, template, address, confirmable, ping, results, actual,
                    token));
        }
    }
}
