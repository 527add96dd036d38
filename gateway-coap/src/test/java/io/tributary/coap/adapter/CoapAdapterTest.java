package io.tributary.coap.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapConfig;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapServer;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.CoapCode;
import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.SubscribeOptions;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.GatewayContext;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.core.gateway.SharedHttpListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.resources.LoopResources;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class CoapAdapterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RunningGateway gateway;
    private CoapClient client;
    private CoapEndpoint device;

    @AfterEach
    void stop() {
        if (client != null) {
            client.dispose();
        }
        if (device != null) {
            device.disposeLater().block(TIMEOUT);
        }
        if (gateway != null) {
            gateway.stop().block(TIMEOUT);
        }
    }

    private CoapAdapter start(CoapAdapter adapter) {
        gateway = Gateway.create().http(false).meterRegistry(registry).adapter(adapter).start().block(TIMEOUT);
        client = CoapClient.bind().block(TIMEOUT);
        return adapter;
    }

    private static CoapAdapter pubSubOnly() {
        return CoapAdapter.create(CoapServer.create().host("127.0.0.1").port(0), List.of());
    }

    private URI ps(CoapAdapter adapter, String path) {
        return URI.create("coap://127.0.0.1:" + adapter.endpoint().port() + "/ps" + path);
    }

    private static void expect(Mono<CoapResponse> exchange, CoapCode code) {
        StepVerifier.create(exchange.map(CoapResponse::code)).expectNext(code).expectComplete().verify(TIMEOUT);
    }

    @Test
    @DisplayName("/ps: POST creates (2.01 + Location-Path), PUT changes (2.04), GET reads (2.05), DELETE clears (2.02)")
    void pubSubWindow() {
        CoapAdapter adapter = start(pubSubOnly());
        URI temp = ps(adapter, "/demo/temp");

        StepVerifier.create(client.post(temp, "21.5"))
                .assertNext(created -> {
                    assertThat(created.code()).isEqualTo(CoapCode.CREATED);
                    assertThat(created.options().locationPath()).containsExactly("ps", "demo", "temp");
                })
                .expectComplete()
                .verify(TIMEOUT);
        Message retained = gateway.router().retainedValue(Topic.of("demo/temp"));
        assertThat(retained.payloadUtf8()).isEqualTo("21.5");
        assertThat(retained.contentType()).isEqualTo("text/plain;charset=utf-8");
        assertThat(retained.attribute(Message.ORIGIN)).isEqualTo("coap");
        assertThat(retained.attribute(Message.PEER)).isEqualTo("/127.0.0.1:" + client.endpoint().port());

        expect(client.put(temp, "{\"t\":22}".getBytes(), ContentFormat.JSON), CoapCode.CHANGED);
        StepVerifier.create(client.get(temp))
                .assertNext(read -> {
                    assertThat(read.code()).isEqualTo(CoapCode.CONTENT);
                    assertThat(read.payloadUtf8()).isEqualTo("{\"t\":22}");
                    assertThat(read.contentFormat()).as("the content format is kept").isEqualTo(ContentFormat.JSON);
                })
                .expectComplete()
                .verify(TIMEOUT);
        expect(client.accept(ContentFormat.TEXT_PLAIN).get(temp), CoapCode.NOT_ACCEPTABLE);

        StepVerifier.create(client.get(URI.create("coap://127.0.0.1:" + adapter.endpoint().port() + "/ps")))
                .assertNext(listing -> {
                    assertThat(listing.contentFormat()).isEqualTo(ContentFormat.LINK_FORMAT);
                    assertThat(listing.payloadUtf8()).isEqualTo("</ps/demo/temp>;ct=50");
                })
                .expectComplete()
                .verify(TIMEOUT);

        expect(client.delete(temp), CoapCode.DELETED);
        assertThat(gateway.router().retainedValue(Topic.of("demo/temp"))).isNull();
        expect(client.get(temp), CoapCode.NOT_FOUND);
    }

    @Test
    @DisplayName("publishes from one peer share one attribute map (origin, peer): nothing formatted per publish")
    void attributesPerPeer() {
        CoapAdapter adapter = start(pubSubOnly());
        expect(client.post(ps(adapter, "/a"), "1"), CoapCode.CREATED);
        expect(client.post(ps(adapter, "/b"), "2"), CoapCode.CREATED);
        Message first = gateway.router().retainedValue(Topic.of("a"));
        Message second = gateway.router().retainedValue(Topic.of("b"));
        assertThat(first.attributes()).containsOnlyKeys(Message.ORIGIN, Message.PEER)
                .containsEntry(Message.ORIGIN, "coap");
        assertThat(second.attributes()).isSameAs(first.attributes());
    }

    @Test
    @DisplayName("a CoAP POST reaches router subscribers as a message on the topic")
    void publishesToSubscribers() {
        CoapAdapter adapter = start(pubSubOnly());
        StepVerifier.create(gateway.router().subscribe(TopicFilter.of("sensors/+/temp")).map(Message::payloadUtf8))
                .then(() -> client.post(ps(adapter, "/sensors/kitchen/temp"), "19").subscribe())
                .expectNext("19")
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    @DisplayName("bad topics and empty payloads get 4.00; the adapter keeps serving")
    void badRequests() {
        CoapAdapter adapter = start(pubSubOnly());
        expect(client.post(ps(adapter, "/a/%2B/b"), "x"), CoapCode.BAD_REQUEST);
        expect(client.post(ps(adapter, "/a"), new byte[0], ContentFormat.TEXT_PLAIN), CoapCode.BAD_REQUEST);
        expect(client.get(ps(adapter, "/never")), CoapCode.NOT_FOUND);
        assertThat(registry.find("tributary.coap.responses").tag("class", "4xx").functionCounter().count())
                .isEqualTo(3);
    }

    @Test
    @DisplayName("a configured device poll publishes coap/<name>/<path> at each interval; failures are counted")
    void devicePolls() {
        AtomicInteger reads = new AtomicInteger();
        device = CoapServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/sensors/temp", request -> Mono.just(
                        CoapResponse.content(String.valueOf(20 + reads.incrementAndGet())))))
                .bindNow(TIMEOUT);
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        DevicePoll good = new DevicePoll("kitchen",
                URI.create("coap://127.0.0.1:" + device.port() + "/sensors/temp"), Duration.ofSeconds(30), true);
        DevicePoll missing = new DevicePoll("hall",
                URI.create("coap://127.0.0.1:" + device.port() + "/nothing"), Duration.ofSeconds(30), false);
        start(CoapAdapter.create(CoapServer.create().host("127.0.0.1").port(0)
                .config(CoapConfig.defaults()), List.of(good, missing)).pollScheduler(time));

        // The first read happens as the adapter starts: ask for the retained value first so it is not missed.
        StepVerifier.create(gateway.router().subscribe(TopicFilter.of("coap/kitchen/sensors/temp"),
                                SubscribeOptions.defaults().retainedFirst(true))
                        .map(Message::payloadUtf8))
                .then(() -> time.advanceTimeBy(Duration.ZERO))
                .expectNext("21")
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(29)))
                .expectNoEvent(Duration.ofMillis(200))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectNext("22")
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(gateway.router().retainedValue(Topic.of("coap/kitchen/sensors/temp")).payloadUtf8())
                .isEqualTo("22");
        assertThat(registry.find("tributary.coap.poll.failures").tag("device", "hall").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("a stop that overtakes the bind leaves no poll running, though the bind completes afterwards")
    void stopDuringStart() {
        LoopResources loops = LoopResources.create("coap-adapter-test", 1, true);
        RecordingScheduler polls = new RecordingScheduler();
        DevicePoll poll = new DevicePoll("kitchen", URI.create("coap://127.0.0.1:9/temp"), Duration.ofSeconds(30),
                true);
        CoapAdapter adapter = CoapAdapter.create(CoapServer.create().host("127.0.0.1").port(0), List.of(poll))
                .pollScheduler(polls);
        try {
            Mono<Void> starting = adapter.start(context(loops));
            StepVerifier.create(adapter.stop()).expectComplete().verify(TIMEOUT);
            StepVerifier.create(starting).expectComplete().verify(TIMEOUT);
            assertThat(polls.workers).allMatch(Disposable::isDisposed);
            StepVerifier.create(adapter.endpoint().disposeLater()).expectComplete().verify(TIMEOUT);
        } finally {
            loops.disposeLater().block(TIMEOUT);
        }
    }

    private GatewayContext context(LoopResources loops) {
        Router router = Router.create();
        return new GatewayContext() {
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
                return null;
            }
        };
    }

    /** Virtual time that remembers the workers polls run on, to see whether they were all disposed. */
    private static final class RecordingScheduler implements Scheduler {
        private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
        final List<Worker> workers = new CopyOnWriteArrayList<>();

        @Override
        public Disposable schedule(Runnable task) {
            return time.schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            return time.schedule(task, delay, unit);
        }

        @Override
        public Worker createWorker() {
            Worker worker = time.createWorker();
            workers.add(worker);
            return worker;
        }
    }

    @Test
    @DisplayName("device polls are validated: one topic segment, a coap:// URI, at least 1 s")
    void pollValidation() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new DevicePoll("a/b", URI.create("coap://h/x"), Duration.ofSeconds(5), true));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new DevicePoll("a", URI.create("http://h/x"), Duration.ofSeconds(5), true));
        assertThatIllegalArgumentException().isThrownBy(() ->
                new DevicePoll("a", URI.create("coap://h/x"), Duration.ofMillis(5), true));
        assertThat(new DevicePoll("a", URI.create("coap://h"), Duration.ofSeconds(5), true).topic())
                .isEqualTo(Topic.of("coap/a"));
    }
}
