package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.tributary.coap.message.BlockOption;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.ObserveSequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.FluxSink;

/**
 * One observation of a resource by this client (RFC 7641 §3): it holds its token for as long as it lives, so every
 * notification with it arrives here; keeps what the freshness rule needs (§3.4); re-registers with the same token
 * when Max-Age plus a margin pass without a notification (§3.3.1), being its own timer; fetches the rest of a
 * notification that came as block 0 (RFC 7959 §2.6), a newer notification cancelling the fetch of an older one. A
 * re-registration carries the ETag of the representation delivered last, so its answer (2.03 Valid, or that
 * representation again) delivers nothing twice; an unanswered re-registration is tried again after another
 * Max-Age, and the observation fails after three in a row.
 * Confined to the client stack's loop.
 *
 * @param <R> what a response becomes for the subscriber
 */
final class ClientObservation<R> extends WheelTask {

    private static final Logger LOG = LoggerFactory.getLogger(ClientObservation.class);
    private static final long DEFAULT_MAX_AGE_SECONDS = 60;
    /** Re-registrations in a row that may go unanswered before the observation fails. */
    private static final int MAX_FAILED_REREGISTRATIONS = 3;

    private final ClientLayer layer;
    private final CoapMessage template;
    final InetSocketAddress address;
    private final boolean confirmable;
    private final ClientResults<R> results;
    private final FluxSink<R> sink;
    private final int maxBodySize;
    long token;
    private boolean established;
    private int lastObserve;
    private long lastArrivalNanos;
    /** The ETag of the representation delivered last, which a re-registration asks to validate (§3.3.1). */
    private byte[] etag;
    private Disposable registering;
    private Disposable fetching;
    private int failedReregistrations;
    private boolean started;
    private boolean done;

    ClientObservation(ClientLayer layer, CoapMessage template, InetSocketAddress address, boolean confirmable,
                      ClientResults<R> results, FluxSink<R> sink, int maxBodySize) {
        this.layer = layer;
        this.template = template.toBuilder().options(template.options().without(CoapOption.OBSERVE)).build();
        this.address = address;
        this.confirmable = confirmable;
        this.results = results;
        this.sink = sink;
        this.maxBodySize = maxBodySize;
    }

    void start() {
        if (done) {
            return;
        }
        token = layer.register(this);
        started = true;
        register();
    }

    /** A GET with Observe 0 and the observation's token: the registration, or a re-registration (§3.3.1). */
    private void register() {
        if (done || registering != null) {
            return;
        }
        CoapMessage registration = withObserve(ObserveSequence.REGISTER);
        if (etag != null) {
            registration = registration.toBuilder().options(registration.options().with(CoapOption.ETAG, etag))
                    .build();
        }
        registering = layer.exchange(registration, address, confirmable, token)
                .subscribe(response -> {
                    registering = null;
                    failedReregistrations = 0;
                    received(response, established);
                }, failure -> {
                    registering = null;
                    if (established && ++failedReregistrations < MAX_FAILED_REREGISTRATIONS) {
                        // The relation may well live on; try again after another Max-Age.
                        layer.context.wheel().arm(this, TimeUnit.SECONDS.toNanos(DEFAULT_MAX_AGE_SECONDS));
                    } else {
                        fail(failure);
                    }
                });
    }

    /** A notification with the observation's token. */
    void received(CoapMessage response) {
        received(response, false);
    }

    /** A response with the observation's token: the registration's, a re-registration's, or a notification. */
    private void received(CoapMessage response, boolean reregistration) {
        if (done) {
            return;
        }
        long observe = response.options().uint(CoapOption.OBSERVE, -1);
        if (observe < 0) {
            // No Observe: the server did not make the relation, or ended it (§3.2).
            if (established && !response.code().isSuccess()) {
                fail(finalNotification(response));
            } else {
                finish();
                sink.next(results.response(response, address));
                sink.complete();
            }
            return;
        }
        long now = layer.context.wheel().nanoTime();
        if (established && !ObserveSequence.isFresh(lastObserve, lastArrivalNanos, (int) observe, now)) {
            return;
        }
        established = true;
        lastObserve = (int) observe;
        lastArrivalNanos = now;
        if (!response.code().isSuccess()) {
            fail(finalNotification(response));
            return;
        }
        long maxAge = response.options().uint(CoapOption.MAX_AGE, DEFAULT_MAX_AGE_SECONDS);
        layer.context.wheel().arm(this, TimeUnit.SECONDS.toNanos(maxAge) + layer.reregistrationMarginNanos);
        if (response.code() == CoapCode.VALID || (reregistration && etag != null
                && Arrays.equals(etag, response.options().first(CoapOption.ETAG)))) {
            // The representation delivered last is still the current one: nothing new to deliver.
            return;
        }
        etag = response.options().first(CoapOption.ETAG);
        if (fetching != null) {
            fetching.dispose();
            fetching = null;
        }
        BlockOption block = BlockOption.of(response.options(), CoapOption.BLOCK2);
        if (block == null || !block.more()) {
            sink.next(results.response(response, address));
            return;
        }
        fetching = layer.blocks.whole(template, address, confirmable, response, maxBodySize).subscribe(whole -> {
            fetching = null;
            sink.next(results.response(whole, address));
        }, failure -> {
            fetching = null;
            // A newer notification brings the state that changed under the fetch.
            LOG.debug("rest of a notification from {} not fetched: {}", address, failure.getMessage());
        });
    }

    /** Max-Age and the margin passed without a notification: register again with the same token. */
    @Override
    protected void expire() {
        register();
    }

    /** The subscriber cancelled: forget the token, and deregister when {@code observe-cancel} says so (§3.6). */
    void cancel() {
        layer.context.inLoop(() -> {
            if (done) {
                return;
            }
            finish();
            if (started && layer.observeCancel == ObserveCancel.DEREGISTER) {
                layer.exchange(withObserve(ObserveSequence.DEREGISTER), address, confirmable, token)
                        .subscribe(ignored -> { }, ignored -> { });
            }
        });
    }

    private void fail(Throwable failure) {
        if (done) {
            return;
        }
        finish();
        sink.error(failure instanceof ExchangeFailure ? results.failure((ExchangeFailure) failure) : failure);
    }

    private void finish() {
        done = true;
        layer.forget(this);
        layer.context.wheel().cancel(this);
        if (registering != null) {
            registering.dispose();
            registering = null;
        }
        if (fetching != null) {
            fetching.dispose();
            fetching = null;
        }
    }

    private ExchangeFailure finalNotification(CoapMessage response) {
        return new ExchangeFailure(ExchangeFailure.Reason.ERROR_RESPONSE, "observation of /"
                + String.join("/", template.options().uriPath()) + " at " + address + " ended with "
                + response.code(), response, address);
    }

    private CoapMessage withObserve(int value) {
        return template.toBuilder().options(template.options().withUint(CoapOption.OBSERVE, value)).build();
    }
}
