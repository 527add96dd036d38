package io.tributary.coap;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.stack.ObservableResource;
import io.tributary.coap.stack.Observations;
import io.tributary.coap.stack.Response;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One observed resource of an observe route: the single subscription to its states, each of which becomes the
 * resource's state and a notification to its observers. A failing flux ends the observers with 5.00, one that
 * completes before its first state answers 5.00 too; after the last observer leaves the subscription is cancelled.
 */
final class SharedState extends ObservableResource implements CoreSubscriber<CoapResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(SharedState.class);

    final String resource;
    private final ObservedResources owner;
    /** Requests that came before the first state. */
    private final List<MonoSink<CoapResponse>> waiting = new ArrayList<>(1);
    private volatile Subscription upstream;
    private volatile boolean disconnected;
    /** The last element of the states, so one emitted twice is one state. */
    private CoapResponse last;

    SharedState(ObservedResources owner, Observations observations, String resource) {
        super(observations);
        this.owner = owner;
        this.resource = resource;
    }

    void connect(Function<CoapRequest, Flux<CoapResponse>> states, CoapRequest request) {
        Flux<CoapResponse> flux;
        try {
            flux = states.apply(request);
        } catch (RuntimeException e) {
            flux = Flux.error(e);
        }
        flux.subscribe(this);
    }

    /** @return the current state, or the first once it comes */
    Mono<CoapResponse> current() {
        Response now = state();
        if (now != null) {
            return Mono.just((CoapResponse) now);
        }
        return Mono.create(sink -> {
            synchronized (this) {
                if (state() == null) {
                    waiting.add(sink);
                    return;
                }
            }
            sink.success((CoapResponse) state());
        });
    }

    boolean inUse() {
        return observers() > 0 || answersPending();
    }

    void disconnect() {
        disconnected = true;
        Subscription subscription = upstream;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    @Override
    public String path() {
        return resource;
    }

    @Override
    protected void idle() {
        owner.idle(this);
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        upstream = subscription;
        if (disconnected) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(CoapResponse response) {
        CoapResponse state = response.stateOf(this);
        List<MonoSink<CoapResponse>> ready;
        synchronized (this) {
            if (response == last) {
                return;
            }
            last = response;
            changed(state);
            if (waiting.isEmpty()) {
                return;
            }
            ready = new ArrayList<>(waiting);
            waiting.clear();
        }
        ready.forEach(sink -> sink.success(state));
    }

    @Override
    public void onError(Throwable failure) {
        LOG.warn("states of observed resource {} failed", resource, failure);
        onNext(CoapResponse.error(CoapCode.INTERNAL_SERVER_ERROR, "the resource failed"));
    }

    @Override
    public void onComplete() {
        if (state() == null) {
            LOG.warn("states of observed resource {} completed without a state", resource);
            onNext(CoapResponse.error(CoapCode.INTERNAL_SERVER_ERROR, "no response"));
        }
    }
}
