package io.tributary.upnp.subscriber;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.config.Settings;
import io.tributary.core.time.VirtualClock;
import io.tributary.upnp.testing.GenaClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.test.StepVerifier;

/** A subscriber whose callback routes are served on 127.0.0.1, with a virtual clock, for tests. */
final class SubscriberFixture implements AutoCloseable {

    final VirtualClock timer = new VirtualClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final DisposableServer server;
    final RunningSubscriber subscriber;
    final GenaClient client;

    SubscriberFixture(UnaryOperator<Settings> customize) {
        // The port is known only after binding, so the routes look the subscriber up when they run.
        RunningSubscriber[] holder = new RunningSubscriber[1];
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.route(request -> true,
                        (request, response) -> {
                            HttpServerRoutes inner = HttpServerRoutes.newRoutes();
                            holder[0].callbackRoutes().accept(inner);
                            return inner.apply(request, response);
                        }))
                .bindNow(Duration.ofSeconds(10));
        subscriber = GenaSubscriber.create(customize.apply(SubscriberConfig.defaults()))
                .callbackPort(server.port()).clock(timer).meterRegistry(meters).start();
        holder[0] = subscriber;
        client = new GenaClient("http://127.0.0.1:" + server.port());
    }

    SubscriberFixture() {
        this(UnaryOperator.identity());
    }

    double counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        StepVerifier.create(subscriber.close(Duration.ofSeconds(5))).expectComplete().verify(Duration.ofSeconds(10));
        server.disposeNow(Duration.ofSeconds(5));
    }
}
