package io.tributary.pnp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.core.gateway.Adapter;
import io.tributary.core.gateway.GatewayContext;
import io.tributary.pnp.files.FileService;
import io.tributary.pnp.provision.Provisioner;
import io.tributary.pnp.server.PnpEndpoints;
import io.tributary.pnp.server.PnpServer;
import io.tributary.pnp.store.DeviceStatusRoutes;
import io.tributary.pnp.store.DeviceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * Cisco Network Plug and Play in a gateway: the PnP endpoints, the file service and the device status routes on
 * the shared HTTP listener (and on an HTTPS listener of its own when configured), the built-in provisioner with its
 * device store, and every contact and result published to the router (see {@link RouterEvents}).
 */
public final class PnpAdapter implements Adapter {

    private static final Logger LOG = LoggerFactory.getLogger(PnpAdapter.class);

    private final PnpOptions options;
    private volatile Running running;

    private PnpAdapter(PnpOptions options) {
        this.options = options;
    }

    /**
     * @param options the settings
     * @return an adapter named {@code pnp}
     */
    public static PnpAdapter create(PnpOptions options) {
        return new PnpAdapter(Objects.requireNonNull(options, "options"));
    }

    @Override
    public String name() {
        return "pnp";
    }

    @Override
    public Mono<Void> start(GatewayContext context) {
        MeterRegistry registry = context.meterRegistry();
        return DeviceStore.open(options.dataDirectory).flatMap(store -> {
            FileService files = new FileService(options.resolvedFilesDirectory(), options.oneShotUrls,
                    options.oneShotTtl, 10_000, registry, () -> options.clock.now(TimeUnit.MILLISECONDS));
            Provisioner provisioner = new Provisioner(options.plan, store, files,
                    new RouterEvents(context.router(), store), registry, options.clock, options.advertisedUrl,
                    options.maxDevices);
            List<Meter> gauges = provisioner.bindDeviceGauges();
            PnpServer server = PnpServer.create().handler(provisioner).maxBody(options.maxBody)
                    .maxDevices(options.maxDevices).credentials(options.credentials)
                    .credentialsOverHttp(options.credentialsOverHttp).meterRegistry(registry)
                    .route(files).route(new DeviceStatusRoutes(store));
            PnpEndpoints endpoints = server.endpoints();
            List<Disposable> routes = new ArrayList<>();
            if (context.http() != null) {
                routes.add(context.http().route(endpoints));
            }
            Running started = new Running(store, gauges, routes, registry);
            running = started;
            if (options.https == null) {
                LOG.info("PnP serving on the shared listener; device store {}, files from {}",
                        options.dataDirectory, files.root());
                return Mono.<Void>empty();
            }
            return server.host(options.https.host()).port(options.https.port())
                    .secure(options.https.certificateChain(), options.https.privateKey()).bind(endpoints)
                    .doOnNext(bound -> {
                        started.https = bound;
                        LOG.info("PnP HTTPS listener on {}", bound.address());
                    }).then();
        }).onErrorResume(failure -> stop().then(Mono.error(failure)));
    }

    @Override
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            Running current = running;
            running = null;
            if (current == null) {
                return Mono.empty();
            }
            current.routes.forEach(Disposable::dispose);
            Mono<Void> https = current.https == null ? Mono.empty()
                    : Mono.fromRunnable(current.https::dispose).then(current.https.onDispose());
            return https.then(current.store.close())
                    .doFinally(signal -> current.gauges.forEach(current.registry::remove));
        });
    }

    /** @return the device store while started, else {@code null}; for embedders that want to read it */
    public DeviceStore store() {
        Running current = running;
        return current == null ? null : current.store;
    }

    /** @return the HTTPS listener's bound address port while started, or -1 without one */
    public int httpsPort() {
        Running current = running;
        return current == null || current.https == null ? -1 : current.https.port();
    }

    private static final class Running {
        final DeviceStore store;
        final List<Meter> gauges;
        final List<Disposable> routes;
        final MeterRegistry registry;
        volatile DisposableServer https;

        Running(DeviceStore store, List<Meter> gauges, List<Disposable> routes, MeterRegistry registry) {
            this.store = store;
            this.gauges = gauges;
            this.routes = routes;
            this.registry = registry;
        }
    }
}
