package io.tributary.app;

import java.util.function.Consumer;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The Prometheus registry behind {@code GET /metrics}: JVM and process meters, Reactor Netty's HTTP server meters
 * (which Reactor Netty records into Micrometer's global registry, so this registry joins it) and every
 * {@code tributary_*} meter of the router and adapters.
 */
final class AdminMetrics implements AutoCloseable {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    AdminMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Metrics.addRegistry(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Turns on Reactor Netty's server meters with the URI tag cut to two path segments to bound cardinality. */
    static HttpServer instrument(HttpServer server) {
        return server.metrics(true, AdminMetrics::uriTag);
    }

    static String uriTag(String uri) {
        int query = uri.indexOf('?');
        String path = query >= 0 ? uri.substring(0, query) : uri;
        int first = path.indexOf('/', 1);
        int second = first < 0 ? -1 : path.indexOf('/', first + 1);
        return second < 0 ? path : path.substring(0, second);
    }

    Consumer<HttpServerRoutes> route() {
        return routes -> routes.get("/metrics", (request, response) -> response
                .header(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .sendString(Mono.fromCallable(registry::scrape)).then());
    }

    @Override
    public void close() {
        Metrics.removeRegistry(registry);
        gc.close();
        registry.close();
    }
}
