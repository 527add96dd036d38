package io.tributary.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
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
import io.tributary.nats.NatsAdapter;
import io.tributary.nats.NatsConfig;
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
                    .http(config.get(GatewayConfig.HTTP))
                    .httpServer(AdminMetrics::instrument)
                    .route(metrics.route())
                    .router(config.get(GatewayConfig.ROUTER))
                    .meterRegistry(metrics.registry())
                    .stopTimeout(config.get(GatewayConfig.SHUTDOWN, GatewayConfig.SHUTDOWN_TIMEOUT));
            Settings coapSettings = config.get(GatewayConfig.COAP);
            CoapAdapter coap = coapSettings.get(CoapAdapterConfig.ENABLED) ? CoapAdapter.create(coapSettings) : null;
            Settings pnpSettings = config.get(GatewayConfig.PNP);
            PnpAdapter pnp = pnpSettings.get(PnpConfig.ENABLED) ? PnpAdapter.create(pnpSettings) : null;
            Settings upnpSettings = config.get(GatewayConfig.UPNP);
            UpnpAdapter upnp = upnpSettings.get(UpnpConfig.ENABLED)
                    ? UpnpAdapter.create(upnpSettings)
                            .dataDirectory(Path.of(config.get(GatewayConfig.GATEWAY, GatewayConfig.DATA_DIR)))
                    : null;
            Settings natsSettings = config.get(GatewayConfig.NATS);
            NatsAdapter nats = natsSettings.get(NatsConfig.ENABLED) ? NatsAdapter.create(natsSettings) : null;
            for (Adapter adapter : present(coap, pnp, upnp, nats)) {
                gateway = gateway.adapter(adapter);
            }
            return gateway.start().map(running -> new Running(config, running, metrics, coap, pnp, upnp))
                    .doOnError(failure -> metrics.close());
        });
    }

    private static List<Adapter> present(Adapter... adapters) {
        List<Adapter> present = new ArrayList<>();
        for (Adapter adapter : adapters) {
            if (adapter != null) {
                present.add(adapter);
            }
        }
        return present;
    }

    /** A started application: the gateway plus the resources the application owns. */
    public static final class Running {
        private final Settings config;
        private final RunningGateway gateway;
        private final AdminMetrics metrics;
        private final CoapAdapter coap;
        private final PnpAdapter pnp;
        private final UpnpAdapter upnp;

        Running(Settings config, RunningGateway gateway, AdminMetrics metrics, CoapAdapter coap, PnpAdapter pnp,
                UpnpAdapter upnp) {
            this.config = config;
            this.gateway = gateway;
            this.metrics = metrics;
            this.coap = coap;
            this.pnp = pnp;
            this.upnp = upnp;
        }

        /** @return the configuration it was started with, values of {@link GatewayConfig#ROOT} */
        public Settings config() {
            return config;
        }

        /** @return the CoAP adapter, or {@code null} when disabled */
        public CoapAdapter coap() {
            return coap;
        }

        /** @return the PnP adapter, or {@code null} when disabled */
        public PnpAdapter pnp() {
            return pnp;
        }

        /** @return the UPnP adapter, or {@code null} when disabled */
        public UpnpAdapter upnp() {
            return upnp;
        }

        /** @return the registry behind {@code /metrics}, where every meter of the gateway is */
        public MeterRegistry meterRegistry() {
            return metrics.registry();
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
