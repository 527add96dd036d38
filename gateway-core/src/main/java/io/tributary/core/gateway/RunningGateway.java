package io.tributary.core.gateway;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.core.Router;
import io.tributary.core.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/** A started gateway: its router, listener address and adapter states; {@link #stop()} shuts it down gracefully. */
public final class RunningGateway implements GatewayContext {

    private static final Logger LOG = LoggerFactory.getLogger(RunningGateway.class);

    private final Gateway definition;
    private final MeterRegistry registry;
    private final Router router;
    private final LoopResources loops;
    private final boolean ownLoops;
    private final HttpRouteTable routeTable = new HttpRouteTable();
    private final Map<String, AdapterState> states = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Deque<Adapter> started = new ArrayDeque<>();
    private final Mono<Void> stop;
    private volatile DisposableServer server;

    RunningGateway(Gateway definition, MeterRegistry registry) {
        this.definition = definition;
        this.registry = registry;
        this.router = Router.create(definition.routerSettings);
        this.ownLoops = definition.loops == null;
        this.loops = ownLoops ? LoopResources.create("tributary", LoopResources.DEFAULT_IO_WORKER_COUNT, true)
                : definition.loops;
        for (Adapter adapter : definition.adapters) {
            states.put(adapter.name(), AdapterState.NEW);
        }
        this.stop = Mono.defer(this::shutdown).cache();
        RouterMeters.bind(router, registry);
    }

    Mono<RunningGateway> start() {
        Mono<Void> http = definition.httpEnabled ? bindHttp() : Mono.empty();
        return http.then(Flux.fromIterable(definition.adapters).concatMap(this::startAdapter).then())
                .thenReturn(this)
                .onErrorResume(failure -> {
                    LOG.error("gateway start failed: {}", failure.getMessage());
                    return stop.then(Mono.error(failure));
                });
    }

    private Mono<Void> bindHttp() {
        routeTable.route(new HealthRoutes(this));
        definition.routes.forEach(routeTable::route);
        Settings settings = definition.http;
        HttpServer http = HttpServer.create()
                .host(settings.get(HttpListenerConfig.HOST)).port(settings.get(HttpListenerConfig.PORT))
                .runOn(loops)
                .idleTimeout(settings.get(HttpListenerConfig.IDLE_TIMEOUT))
                .httpRequestDecoder(decoder -> decoder
                        .maxHeaderSize(settings.get(HttpListenerConfig.MAX_HEADER_SIZE))
                        .maxInitialLineLength(settings.get(HttpListenerConfig.MAX_REQUEST_LINE)))
                .doOnChannelInit(new ConnectionGuard(settings, registry))
                .handle(routeTable);
        return definition.httpCustomizer.apply(http).bind()
                .doOnNext(bound -> {
                    server = bound;
                    routeTable.bound((InetSocketAddress) bound.address());
                    LOG.info("HTTP listener on {}", bound.address());
                })
                .onErrorMap(failure -> new GatewayStartException("http", failure))
                .then();
    }

    private Mono<Void> startAdapter(Adapter adapter) {
        return Mono.defer(() -> {
            states.put(adapter.name(), AdapterState.STARTING);
            return adapter.start(this);
        }).doOnSuccess(ignored -> {
            synchronized (started) {
                started.push(adapter);
            }
            states.put(adapter.name(), AdapterState.STARTED);
            LOG.info("adapter '{}' started", adapter.name());
        }).onErrorMap(failure -> {
            states.put(adapter.name(), AdapterState.FAILED);
            return new GatewayStartException(adapter.name(), failure);
        });
    }

    private Mono<Void> shutdown() {
        List<Adapter> toStop;
        synchronized (started) {
            toStop = List.copyOf(started);
            started.clear();
        }
        Duration timeout = definition.stopTimeout;
        return Flux.fromIterable(toStop)
                .concatMap(adapter -> stopAdapter(adapter, timeout))
                .then(Mono.defer(() -> closeHttp(timeout)))
                .then(Mono.defer(() -> ownLoops ? loops.disposeLater(Duration.ZERO, timeout) : Mono.empty()))
                .doOnSuccess(ignored -> LOG.info("gateway stopped"));
    }

    private Mono<Void> stopAdapter(Adapter adapter, Duration timeout) {
        return Mono.defer(() -> {
            states.put(adapter.name(), AdapterState.STOPPING);
            return adapter.stop();
        }).timeout(timeout).onErrorResume(failure -> {
            LOG.warn("adapter '{}' did not stop cleanly: {}", adapter.name(), failure.toString());
            return Mono.empty();
        }).doFinally(signal -> {
            states.put(adapter.name(), AdapterState.STOPPED);
            LOG.info("adapter '{}' stopped", adapter.name());
        });
    }

    private Mono<Void> closeHttp(Duration timeout) {
        DisposableServer bound = server;
        if (bound == null) {
            return Mono.empty();
        }
        return Mono.fromRunnable(bound::dispose).then(bound.onDispose()).timeout(timeout)
                .onErrorResume(failure -> {
                    LOG.warn("HTTP listener did not close within {}: {}", timeout, failure.toString());
                    return Mono.empty();
                });
    }

    /**
     * Stops every started adapter in reverse order, then the HTTP listener and the gateway's own event loops;
     * calling it again returns the same completion.
     *
     * @return completes when everything is stopped
     */
    public Mono<Void> stop() {
        return stop;
    }

    @Override
    public Router router() {
        return router;
    }

    @Override
    public LoopResources loops() {
        return loops;
    }

    @Override
    public MeterRegistry meterRegistry() {
        return registry;
    }

    @Override
    public SharedHttpListener http() {
        return definition.httpEnabled ? routeTable : null;
    }

    /** @return the bound HTTP address (the real port when 0 was configured), or {@code null} without a listener */
    public InetSocketAddress httpAddress() {
        return routeTable.address();
    }

    /** @return each adapter's state, in registration order */
    public Map<String, AdapterState> adapterStates() {
        synchronized (states) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(states));
        }
    }

    /**
     * @return the names of adapters not in {@link AdapterState#STARTED}, or started but not {@link Adapter#ready()},
     *         in registration order
     */
    public List<String> notReady() {
        Map<String, AdapterState> snapshot = adapterStates();
        return definition.adapters.stream().filter(adapter -> snapshot.get(adapter.name()) != AdapterState.STARTED
                || !adapter.ready()).map(Adapter::name).toList();
    }

    /** @return whether every adapter is started */
    public boolean ready() {
        return notReady().isEmpty();
    }
}
