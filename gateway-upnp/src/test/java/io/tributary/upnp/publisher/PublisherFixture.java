package io.tributary.upnp.publisher;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.config.Settings;
import io.tributary.core.time.VirtualClock;
import io.tributary.upnp.testing.CallbackReceiver;
import io.tributary.upnp.testing.GenaClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/** A publisher with one service on 127.0.0.1, a receiver for its NOTIFYs and a raw client, for tests. */
final class PublisherFixture implements AutoCloseable {

    static final String PATH = "/upnp/event/test";

    final VirtualClock timer = new VirtualClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final StateVariables state = StateVariables.of(Map.of("Volume", "42"));
    final RunningPublisher publisher;
    final DisposableServer server;
    final CallbackReceiver receiver = CallbackReceiver.start();
    final GenaClient client;

    PublisherFixture(Settings settings) {
        this(settings, UnaryOperator.identity());
    }

    PublisherFixture(Settings settings, UnaryOperator<EventedService> service) {
        publisher = GenaPublisher.create().settings(settings).meterRegistry(meters).clock(timer)
                .service(service.apply(EventedService.create(PATH, state)))
                .start().block(Duration.ofSeconds(10));
        server = HttpServer.create().host("127.0.0.1").port(0).route(publisher.routes()).bindNow();
        client = new GenaClient("http://127.0.0.1:" + server.port());
    }

    double counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    @Override
    public void close() {
        StepVerifier.create(publisher.stop()).expectComplete().verify(Duration.ofSeconds(10));
        server.disposeNow(Duration.ofSeconds(5));
        receiver.close();
    }
}
