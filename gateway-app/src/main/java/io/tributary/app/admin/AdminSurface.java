package io.tributary.app.admin;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.tributary.app.GatewayApplication;
import io.tributary.app.config.GatewayConfig;
import io.tributary.core.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Where the admin API and its companions (the console) are served, per the {@code admin} section: on the shared
 * listener only when credentials are configured, on a listener of its own when {@code admin.port} is set (bound to
 * {@code admin.host}, 127.0.0.1 by default; open to everyone who reaches it when no credentials are configured),
 * nowhere otherwise.
 */
public final class AdminSurface {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSurface.class);

    /** Routes served beside the API, such as the console, behind the same checks. */
    @FunctionalInterface
    public interface Companion {
        /**
         * @param views what to show
         * @param guard the checks every request goes through
         * @param stream the live topics
         * @return the routes
         */
        Consumer<HttpServerRoutes> routes(StatusViews views, AdminGuard guard, TopicStream stream);
    }

    private final Disposable shared;
    private final DisposableServer own;

    private AdminSurface(Disposable shared, DisposableServer own) {
        this.shared = shared;
        this.own = own;
    }

    /**
     * Serves the admin API and the companions as configured.
     *
     * @param running the started application
     * @param companions further routes, e.g. the console
     * @return the surface; {@link #stop()} withdraws it
     */
    public static Mono<AdminSurface> start(GatewayApplication.Running running, List<Companion> companions) {
        return Mono.defer(() -> {
            Settings admin = running.config().get(GatewayConfig.ADMIN);
            if (!admin.get(GatewayConfig.ADMIN_ENABLED)) {
                LOG.info("admin API and console disabled (admin.enabled: false)");
                return Mono.just(new AdminSurface(null, null));
            }
            StatusViews views = new StatusViews(running);
            TopicStream stream = new TopicStream(running.gateway().router(), admin.get(
                    GatewayConfig.ADMIN_STREAM_BUFFER), running.meterRegistry());
            Disposable shared = null;
            if (AdminAuth.hasCredentials(admin) && running.gateway().http() != null) {
                Consumer<HttpServerRoutes> routes = routes(AdminAuth.shared(admin), views, stream, running,
                        companions);
                shared = running.gateway().http().route(routes);
                LOG.info("admin API on {}/api/ and console on /ui (credentials required)",
                        running.gateway().httpAddress());
            }
            Integer port = admin.get(GatewayConfig.ADMIN_PORT);
            if (port == null) {
                if (shared == null) {
                    LOG.info("admin API and console off: set admin.token or admin.users, or admin.port");
                }
                return Mono.just(new AdminSurface(shared, null));
            }
            AdminAuth auth = AdminAuth.own(admin);
            Disposable sharedRoutes = shared;
            return HttpServer.create().host(admin.get(GatewayConfig.ADMIN_HOST)).port(port)
                    .runOn(running.gateway().loops())
                    .route(routes(auth, views, stream, running, companions)).bind()
                    .doOnNext(bound -> LOG.info("admin API and console on {} ({})", bound.address(), auth.open()
                            ? "no credentials configured: open to all who reach it" : "credentials required"))
                    .map(bound -> new AdminSurface(sharedRoutes, bound))
                    .doOnError(failure -> {
                        if (sharedRoutes != null) {
                            sharedRoutes.dispose();
                        }
                    });
        });
    }

    private static Consumer<HttpServerRoutes> routes(AdminAuth auth, StatusViews views, TopicStream stream,
                                                     GatewayApplication.Running running,
                                                     List<Companion> companions) {
        AdminGuard guard = new AdminGuard(auth, running.meterRegistry());
        AdminApi api = new AdminApi(views, guard, stream);
        List<Consumer<HttpServerRoutes>> all = new ArrayList<>();
        for (Companion companion : companions) {
            all.add(companion.routes(views, guard, stream));
        }
        all.add(api);
        return routes -> all.forEach(contribution -> contribution.accept(routes));
    }

    /** @return the address of the admin listener of its own, or {@code null} without one */
    public InetSocketAddress ownAddress() {
        return own == null ? null : (InetSocketAddress) own.address();
    }

    /** @return whether the admin API is served on the shared listener */
    public boolean onSharedListener() {
        return shared != null;
    }

    /** @return completes when the routes are withdrawn and the listener of its own is closed */
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            if (shared != null) {
                shared.dispose();
            }
            return own == null ? Mono.empty() : Mono.fromRunnable(own::dispose).then(own.onDispose());
        });
    }
}
