package io.tributary.upnp.subscriber;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.upnp.testing.GenaClient;
import io.tributary.core.time.VirtualClock;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A subscriber whose callback routes are served on 127.0.0.1, with a virtual timer, for tests. */
final class SubscriberFixture implements AutoCloseable {

    final VirtualClock timer = new VirtualClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final DisposableServer server;
    final GenaSubscriber subscriber;
    final GenaClient client;

    SubscriberFixture(java.util.function.UnaryOperator<SubscriberOptions> customize) {
        // The port is known only after binding, so the routes look the subscriber up when they run.
        GenaSubscriber[] holder = new GenaSubscriber[1];
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.route(request -> true,
                        (request, response) -> {
                            reactor.netty.http.server.HttpServerRoutes inner =
                                    reactor.netty.http.server.HttpServerRoutes.newRoutes();
                            holder[0].callbackRoutes().accept(inner);
                            return inner.apply(request, response);
                        }))
                .bindNow(Duration.ofSeconds(10));
        subscriber = GenaSubscriber.create(customize.apply(SubscriberOptions.defaults().callbackPort(server.port())
                .timer(timer).meterRegistry(meters).holdTimeout(Duration.ofSeconds(5))));
        holder[0] = subscriber;
        client = new GenaClient("http://127.0.0.1:" + server.port());
    }

    SubscriberFixture() {
        this(java.util.function.UnaryOperator.identity());
    }

    double counter(String name, String... tags) {
        io.micrometer.core.instrument.Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        subscriber.close(Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        server.disposeNow(Duration.ofSeconds(5));
    }
}
