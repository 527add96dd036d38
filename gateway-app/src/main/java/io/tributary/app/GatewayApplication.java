package io.tributary.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tributary.app.config.GatewayConfig;
import io.tributary.coap.adapter.CoapAdapter;
import io.tributary.coap.adapter.CoapAdapterConfig;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Adapter;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.pnp.PnpAdapter;
import io.tributary.pnp.PnpConfig;
import io.tributary.upnp.UpnpAdapter;
import io.tributary.upnp.UpnpConfig;
import reactor.core.publisher.Mono;

/** Builds the gateway described by a configuration: router, shared HTTP listener, admin endpoints and adapters. */
public final class GatewayApplication {

    private final Settings config;

    /** @param config a loaded, checked configuration, values of {@link GatewayConfig#ROOT} */
    public GatewayApplication(Settings config) {
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
                    .host(config.get(GatewayConfig.HTTP, GatewayConfig.HTTP_HOST))
                    .port(config.get(GatewayConfig.HTTP, GatewayConfig.HTTP_PORT))
                    .httpServer(AdminMetrics::instrument)
                    .route(metrics.route())
                    .router(config.get(GatewayConfig.ROUTER))
                    .meterRegistry(metrics.registry())
                    .stopTimeout(config.get(GatewayConfig.SHUTDOWN, GatewayConfig.SHUTDOWN_TIMEOUT));
            Settings coapSettings = config.get(GatewayConfig.COAP);
            CoapAdapter coap = coapSettings.get(CoapAdapterConfig.ENABLED) ? CoapAdapter.create(coapSettings) : null;
            for (Adapter adapter : adapters(coap)) {
                gateway = gateway.adapter(adapter);
            }
            return gateway.start().map(running -> new Running(running, metrics, coap))
                    .doOnError(failure -> metrics.close());
        });
    }

    private List<Adapter> adapters(CoapAdapter coap) {
        List<Adapter> adapters = new ArrayList<>();
        if (coap != null) {
            adapters.add(coap);
        }
        Settings pnp = config.get(GatewayConfig.PNP);
        if (pnp.get(PnpConfig.ENABLED)) {
            adapters.add(PnpAdapter.create(pnp));
        }
        Settings upnp = config.get(GatewayConfig.UPNP);
        if (upnp.get(UpnpConfig.ENABLED)) {
            adapters.add(UpnpAdapter.create(upnp)
                    .dataDirectory(Path.of(config.get(GatewayConfig.GATEWAY, GatewayConfig.DATA_DIR))));
        }
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
