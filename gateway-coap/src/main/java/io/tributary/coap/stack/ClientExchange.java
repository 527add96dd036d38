package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.tributary.coap.CoapException;
import io.tributary.coap.CoapResetException;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapTimeoutException;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * One client request from first transmission to response: it is the subscriber's {@code Subscription}, the
 * retransmission and response timer, and the entry in the token table, so a request in flight costs one object
 * beside its message. Its state changes on the client stack's event loop only.
 */
final class ClientExchange extends OutgoingConfirmable implements org.reactivestreams.Subscription {

    private static final AtomicIntegerFieldUpdater<ClientExchange> STARTED =
            AtomicIntegerFieldUpdater.newUpdater(ClientExchange.class, "started");

    enum Phase { NEW, QUEUED, AWAIT_ACK, AWAIT_RESPONSE, DONE }

    final ClientLayer layer;
    CoapMessage template;
    final boolean confirmable;
    final boolean ping;
    private final CoreSubscriber<? super CoapResponse> actual;
    Phase phase = Phase.NEW;
    long token;
    boolean holdsSlot;
    private volatile int started;
    volatile boolean cancelled;

    ClientExchange(ClientLayer layer, CoapMessage template, InetSocketAddress address, boolean confirmable,
                   boolean ping, CoreSubscriber<? super CoapResponse> actual) {
        this.layer = layer;
        this.template = template;
        this.address = address;
        this.confirmable = confirmable;
        this.ping = ping;
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
        layer.armResponseTimeout(this);
    }

    @Override
    void reset() {
        if (ping) {
            succeed(null);
        } else {
            fail(new CoapResetException(describe() + " was rejected with RST"));
        }
    }

    @Override
    void gaveUp() {
        fail(new CoapTimeoutException(describe() + ": no ACK after " + retransmissions
                + " retransmissions (RFC 7252 §4.2)"));
    }

    @Override
    void retransmitDue() {
        if (phase == Phase.AWAIT_ACK) {
            layer.stack().reliability.onTimer(this);
        } else if (phase == Phase.AWAIT_RESPONSE) {
            layer.stack().stats.timeouts.increment();
            fail(new CoapTimeoutException(describe() + ": no response within "
                    + layer.responseTimeout().toSeconds() + " s"));
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
                actual.onNext(CoapResponse.of(response, address));
            }
            actual.onComplete();
        }
    }

    /** Fails the request; on the event loop. */
    void fail(CoapException failure) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        layer.finished(this);
        if (!cancelled) {
            actual.onError(failure);
        }
    }

    /** The message is built: the template is no longer needed, and need not stay in memory while in flight. */
    void sent() {
        template = null;
    }

    String describe() {
        CoapMessage shown = template != null ? template : message;
        String what = ping ? "ping" : (confirmable ? "CON " : "NON ") + CoapCode.methodName(shown.code())
                + " /" + String.join("/", shown.options().uriPath());
        return what + " to " + address;
    }

    /** The cold publisher of one request: each subscription is a new exchange. */
    static final class RequestMono extends Mono<CoapResponse> {
        private final ClientLayer layer;
        private final CoapMessage template;
        private final InetSocketAddress address;
        private final boolean confirmable;
        private final boolean ping;

        RequestMono(ClientLayer layer, CoapMessage template, InetSocketAddress address, boolean confirmable,
                    boolean ping) {
            this.layer = layer;
            this.template = template;
            this.address = address;
            this.confirmable = confirmable;
            this.ping = ping;
        }

        @Override
        public void subscribe(CoreSubscriber<? super CoapResponse> actual) {
            actual.onSubscribe(new ClientExchange(layer, template, address, confirmable, ping, actual));
        }
    }
}
