package io.tributary.core.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.core.Router;
import reactor.netty.resources.LoopResources;

/** What a gateway hands to each adapter at start: the router, event loops, metrics and the shared HTTP listener. */
public interface GatewayContext {

    /** @return the shared router */
    Router router();

    /** @return the gateway's event-loop resources; adapters run their channels on these loops */
    LoopResources loops();

    /** @return the registry adapters record their meters in */
    MeterRegistry meterRegistry();

    /** @return the shared HTTP listener, or {@code null} when the gateway runs without one */
    SharedHttpListener http();
}
