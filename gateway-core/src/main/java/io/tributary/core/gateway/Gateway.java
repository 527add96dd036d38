package io.tributary.core.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.RouterConfig;
import io.tributary.core.config.Settings;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.resources.LoopResources;

/**
 * An immutable gateway definition: adapters, the shared HTTP listener and the router settings; every method
 * returns a changed copy, {@link #start()} brings it up. Defaults: HTTP as {@link HttpListenerConfig#defaults()} with
 * {@code /health/live} and {@code /health/ready}, default router options, a simple meter registry, event loops
 * owned by the gateway, and a 10 s stop timeout.
 */
public final class Gateway {

    final Settings http;
    final boolean httpEnabled;
    final List<Adapter> adapters;
    final List<Consumer<? super HttpServerRoutes>> routes;
    final UnaryOperator<HttpServer> httpCustomizer;
    final Settings routerSettings;
    final MeterRegistry meterRegistry;
    final LoopResources loops;
    final Duration stopTimeout;

    private Gateway(Settings http, boolean httpEnabled, List<Adapter> adapters,
                    List<Consumer<? super HttpServerRoutes>> routes, UnaryOperator<HttpServer> httpCustomizer,
                    Settings routerSettings, MeterRegistry meterRegistry, LoopResources loops,
                    Duration stopTimeout) {
        this.http = http;
        this.httpEnabled = httpEnabled;
        this.adapters = List.copyOf(adapters);
        this.routes = List.copyOf(routes);
        this.httpCustomizer = httpCustomizer;
        this.routerSettings = routerSettings;
        this.meterRegistry = meterRegistry;
        this.loops = loops;
        this.stopTimeout = stopTimeout;
    }

    /** @return a gateway definition with the defaults and no adapters */
    public static Gateway create() {
        return new Gateway(HttpListenerConfig.defaults(), true, List.of(), List.of(), UnaryOperator.identity(),
                RouterConfig.defaults(), null, null, Duration.ofSeconds(10));
    }

    /**
     * @param address the HTTP listener's bind address; default {@code 0.0.0.0}
     * @return a new gateway reference
     */
    public Gateway host(String address) {
        return http(http.with(HttpListenerConfig.HOST, Objects.requireNonNull(address, "address")));
    }

    /**
     * @param number the HTTP listener's TCP port, 0 for any free port; default 8080
     * @return a new gateway reference
     */
    public Gateway port(int number) {
        return http(http.with(HttpListenerConfig.PORT, number));
    }

    /**
     * @param settings the shared HTTP listener's address and limits, values of {@link HttpListenerConfig#SECTION},
     *                 replacing any host or port set before; default {@link HttpListenerConfig#defaults()}
     * @return a new gateway reference
     */
    public Gateway http(Settings settings) {
        if (settings.section() != HttpListenerConfig.SECTION) {
            throw new IllegalArgumentException("expected http listener settings, was " + settings.section());
        }
        return new Gateway(settings.validate(), httpEnabled, adapters, routes, httpCustomizer, routerSettings,
                meterRegistry, loops, stopTimeout);
    }

    /**
     * @param enabled whether to bind the shared HTTP listener; default {@code true}
     * @return a new gateway reference
     */
    public Gateway http(boolean enabled) {
        return new Gateway(http, enabled, adapters, routes, httpCustomizer, routerSettings, meterRegistry,
                loops, stopTimeout);
    }

    /**
     * @param customizer applied to the shared listener's {@link HttpServer} before binding (TLS, metrics, limits);
     *                   default none
     * @return a new gateway reference
     */
    public Gateway httpServer(UnaryOperator<HttpServer> customizer) {
        return new Gateway(http, httpEnabled, adapters, routes, Objects.requireNonNull(customizer, "customizer"),
                routerSettings, meterRegistry, loops, stopTimeout);
    }

    /**
     * Adds routes served on the shared listener for the gateway's whole life, after the health routes and before
     * any adapter's.
     *
     * @param contribution declares the routes
     * @return a new gateway reference
     */
    public Gateway route(Consumer<? super HttpServerRoutes> contribution) {
        List<Consumer<? super HttpServerRoutes>> more = new ArrayList<>(routes);
        more.add(Objects.requireNonNull(contribution, "contribution"));
        return new Gateway(http, httpEnabled, adapters, more, httpCustomizer, routerSettings, meterRegistry,
                loops, stopTimeout);
    }

    /**
     * Adds an adapter; adapters start in the order added and stop in reverse; names must be unique.
     *
     * @param adapter the adapter
     * @return a new gateway reference
     */
    public Gateway adapter(Adapter adapter) {
        Objects.requireNonNull(adapter, "adapter");
        for (Adapter existing : adapters) {
            if (existing.name().equals(adapter.name())) {
                throw new IllegalArgumentException("an adapter named '" + adapter.name() + "' is already added");
            }
        }
        List<Adapter> more = new ArrayList<>(adapters);
        more.add(adapter);
        return new Gateway(http, httpEnabled, more, routes, httpCustomizer, routerSettings, meterRegistry,
                loops, stopTimeout);
    }

    /**
     * @param settings the router settings, values of {@link RouterConfig#SECTION}; default
     *                 {@link RouterConfig#defaults()}
     * @return a new gateway reference
     */
    public Gateway router(Settings settings) {
        if (settings.section() != RouterConfig.SECTION) {
            throw new IllegalArgumentException("expected router settings, was " + settings.section());
        }
        return new Gateway(http, httpEnabled, adapters, routes, httpCustomizer, settings.validate(),
                meterRegistry, loops, stopTimeout);
    }

    /**
     * @param registry where the gateway and its adapters record meters; default a new {@link SimpleMeterRegistry}
     * @return a new gateway reference
     */
    public Gateway meterRegistry(MeterRegistry registry) {
        return new Gateway(http, httpEnabled, adapters, routes, httpCustomizer, routerSettings,
                Objects.requireNonNull(registry, "registry"), loops, stopTimeout);
    }

    /**
     * @param resources event loops to run on, owned by the caller; default loops created and disposed by the
     *                  gateway, as many as Reactor Netty's default (one per core, at least 4)
     * @return a new gateway reference
     */
    public Gateway loops(LoopResources resources) {
        return new Gateway(http, httpEnabled, adapters, routes, httpCustomizer, routerSettings, meterRegistry,
                Objects.requireNonNull(resources, "resources"), stopTimeout);
    }

    /**
     * @param timeout how long each adapter and the listener may take to stop; default 10 s
     * @return a new gateway reference
     */
    public Gateway stopTimeout(Duration timeout) {
        return new Gateway(http, httpEnabled, adapters, routes, httpCustomizer, routerSettings, meterRegistry,
                loops, Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Starts the router, the shared HTTP listener, then each adapter in order; if anything fails, whatever was
     * started is stopped in reverse order and the error is a {@link GatewayStartException} naming the failed part.
     *
     * @return the running gateway
     */
    public Mono<RunningGateway> start() {
        return Mono.defer(() -> new RunningGateway(this,
                meterRegistry != null ? meterRegistry : new SimpleMeterRegistry()).start());
    }
}
