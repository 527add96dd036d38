package io.tributary.core.gateway;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

import reactor.core.Disposable;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The one HTTP listener a gateway binds; adapters contribute routes to it at start and withdraw them at stop.
 * Routes are matched in contribution order; a request no route matches gets 404.
 */
public interface SharedHttpListener {

    /**
     * Adds routes, e.g. {@code routes -> routes.post("/pnp/WORK-REQUEST", handler)}.
     *
     * @param contribution declares the routes on a fresh {@link HttpServerRoutes}
     * @return a handle that removes these routes when disposed
     */
    Disposable route(Consumer<? super HttpServerRoutes> contribution);

    /** @return the bound address (the real port when 0 was configured) */
    InetSocketAddress address();
}
