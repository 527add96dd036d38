package io.tributary.coap;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.tributary.coap.stack.Observations;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The resources of an endpoint's observe routes, one per path and query (RFC 7641 §4.1): the first request for a
 * resource subscribes to its route's states, and every later request and every observer of it shares that one
 * subscription, which is cancelled once no observer and no answer on its way is left. So a thousand observers of
 * a topic cost one router subscription, not a thousand.
 */
final class ObservedResources {

    private final Observations observations;
    private final Map<String, SharedState> byResource = new HashMap<>();

    ObservedResources(Observations observations) {
        this.observations = observations;
    }

    /**
     * @param resource the resource's path and query
     * @param request the request to answer
     * @param states the route's states of a resource, subscribed if the resource has no subscription yet
     * @return the resource's current state (or its first, once it comes), as a state of the shared resource
     */
    Mono<CoapResponse> answer(String resource, CoapRequest request,
                              Function<CoapRequest, Flux<CoapResponse>> states) {
        SharedState shared;
        boolean created = false;
        synchronized (this) {
            shared = byResource.get(resource);
            if (shared == null) {
                shared = new SharedState(this, observations, resource);
                byResource.put(resource, shared);
                created = true;
            }
            shared.answering();
        }
        if (created) {
            shared.connect(states, request);
        }
        return shared.current();
    }

    /** Drops a resource nobody uses any more, unless a request took it up again meanwhile. */
    synchronized void idle(SharedState shared) {
        if (shared.inUse() || byResource.get(shared.resource) != shared) {
            return;
        }
        byResource.remove(shared.resource);
        shared.disconnect();
    }

    /** @return resources with a subscription to their states */
    synchronized int size() {
        return byResource.size();
    }
}
