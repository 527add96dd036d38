package io.tributary.app;

import java.util.ArrayList;
import java.util.List;

import io.tributary.app.config.GatewayConfig;
import io.tributary.coap.adapter.CoapAdapter;
import io.tributary.core.RouterOptions;
import io.tributary.core.SubscribeOptions;
import io.tributary.core.gateway.Adapter;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import reactor.core.publisher.Mono;

/** Builds the gateway described by a configuration: router, shared HTTP listener, admin endpoints and adapters. */
public final class GatewayApplication {

    private final GatewayConfig config;

    /** @param config a loaded, validated configuration */
    public GatewayApplication(GatewayConfig config) {
        this.config = config;
    }

    /**
     * Starts everything; the returned handle's {@code stop()} also releases the metrics registry.
     *
     * @return the running application
     */
    public Mono<Running> start() {
        return Mono.defer(() -> {
            AdminMetrics metrics = new AdminMetrics();
            Gateway gateway = Gateway.create()
                    .host(config.http().host())
                    .port(config.http().port())
                    .httpServer(AdminMetrics::instrument)
                    .route(metrics.route())
                    .router(routerOptions())
                    .meterRegistry(metrics.registry())
                    .stopTimeout(config.shutdown().timeout());
            CoapAdapter coap = config.coap().enabled() ? CoapWiring.adapter(config.coap()) : null;
            for (Adapter adapter : adapters(coap)) {
                gateway = gateway.adapter(adapter);
            }
            return gateway.start().map(running -> new Running(running, metrics, coap))
                    .doOnError(failure -> metrics.close());
        });
    }

    private RouterOptions routerOptions() {
        GatewayConfig.RouterSettings router = config.router();
        return RouterOptions.defaults()
                .requestTimeout(router.requestTimeout())
                .maxRetained(router.maxRetained())
                .subscribeDefaults(SubscribeOptions.defaults().capacity(router.queueCapacity())
                        .overflow(router.overflow()));
    }

    private List<Adapter> adapters(CoapAdapter coap) {
        List<Adapter> adapters = new ArrayList<>();
        if (coap != null) {
            adapters.add(coap);
        }
        PnpWiring.adapter(config.pnp()).ifPresent(adapters::add);
        UpnpWiring.adapter(config.upnp()).ifPresent(adapters::add);
        return adapters;
    }

    /** A started application: the gateway plus the resources the application owns. */
    public static final class Running {
        private final RunningGateway gateway;
        private final AdminMetrics metrics;
        private final CoapAdapter coap;

        Running(RunningGateway gateway, AdminMetrics metrics, CoapAdapter coap) {
            this.gateway = gateway;
            this.metrics = metrics;
            this.coap = coap;
        }

        /** @return the running gateway */
        public RunningGateway gateway() {
            return gateway;
        }

        /** @return the bound CoAP port, or -1 when the CoAP adapter is disabled */
        public int coapPort() {
            return coap == null || coap.endpoint() == null ? -1 : coap.endpoint().port();
        }

        /** @return completes when the gateway is stopped and the metrics registry released */
        public Mono<Void> stop() {
            return gateway.stop().doFinally(signal -> metrics.close());
        }
    }
}
