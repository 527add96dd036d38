package io.tributary.core.gateway;

import reactor.core.publisher.Mono;

/**
 * A protocol adapter plugged into a {@link Gateway}: started in registration order with the shared
 * {@link GatewayContext}, stopped in reverse order.
 */
public interface Adapter {

    /** @return a short unique name used in logs, metrics and health output, e.g. {@code coap} */
    String name();

    /**
     * Starts the adapter: binds its sockets, contributes HTTP routes, subscribes to the router.
     *
     * @param context the gateway's shared resources
     * @return completes when the adapter serves, or fails with the cause
     */
    Mono<Void> start(GatewayContext context);

    /**
     * Stops gracefully: stop accepting, drain what is in flight, release resources; called at most once after a
     * successful start.
     *
     * @return completes when stopped
     */
    Mono<Void> stop();

    /**
     * Tells whether a started adapter serves right now; one that depends on a remote peer (a NATS server) may be
     * started yet not ready while that peer is unreachable.
     *
     * @return whether the adapter is ready; default {@code true}
     */
    default boolean ready() {
        return true;
    }
}
