package io.tributary.core.gateway;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The shared listener's request handler: route contributions can come and go while the server runs, so the
 * combined {@link HttpServerRoutes} is rebuilt on each change and swapped in atomically.
 */
final class HttpRouteTable implements SharedHttpListener,
        BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    private final List<Consumer<? super HttpServerRoutes>> contributions = new CopyOnWriteArrayList<>();
    private volatile HttpServerRoutes routes = HttpServerRoutes.newRoutes();
    private volatile InetSocketAddress address;

    @Override
    public Disposable route(Consumer<? super HttpServerRoutes> contribution) {
        contributions.add(contribution);
        rebuild();
        return () -> {
            if (contributions.remove(contribution)) {
                rebuild();
            }
        };
    }

    private synchronized void rebuild() {
        HttpServerRoutes fresh = HttpServerRoutes.newRoutes();
        for (Consumer<? super HttpServerRoutes> contribution : contributions) {
            contribution.accept(fresh);
        }
        routes = fresh;
    }

    void bound(InetSocketAddress boundAddress) {
        this.address = boundAddress;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        return routes.apply(request, response);
    }
}
