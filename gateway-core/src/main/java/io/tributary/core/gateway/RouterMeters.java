package io.tributary.core.gateway;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.core.Router;

/** Exposes a router's counters as meters named {@code tributary.router.*}. */
final class RouterMeters {

    private RouterMeters() {
    }

    static void bind(Router router, MeterRegistry registry) {
        Router.RouterStats stats = router.stats();
        FunctionCounter.builder("tributary.router.published", stats, Router.RouterStats::published)
                .description("messages published to the router").register(registry);
        FunctionCounter.builder("tributary.router.dropped", stats, Router.RouterStats::dropped)
                .description("messages dropped by full subscription queues").register(registry);
        FunctionCounter.builder("tributary.router.retained.refused", stats, Router.RouterStats::retainedRefused)
                .description("retained values refused at the retained-topic cap").register(registry);
        FunctionCounter.builder("tributary.router.requests", stats, Router.RouterStats::requests)
                .description("request/reply requests").register(registry);
        FunctionCounter.builder("tributary.router.requests.unanswered", stats, Router.RouterStats::noResponder)
                .tag("reason", "no_responder").description("requests without a responder").register(registry);
        FunctionCounter.builder("tributary.router.requests.unanswered", stats, Router.RouterStats::requestTimeouts)
                .tag("reason", "timeout").description("requests that timed out").register(registry);
        Gauge.builder("tributary.router.subscriptions", router, Router::subscriptionCount)
                .description("live subscriptions").register(registry);
        Gauge.builder("tributary.router.retained", router, Router::retainedCount)
                .description("topics holding a retained value").register(registry);
    }
}
