package io.tributary.coap.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import io.tributary.coap.CoapResponseException;
import io.tributary.coap.CoapServer;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.BlockOption;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapCodec;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.stack.RemovalReason;
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
import reactor.core.publisher.Flux;
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
    @DisplayName("RFC 7641: GET /ps/<topic> with Observe follows the retained value whoever changes it; DELETE ends"
            + " the observers with 4.04")
    void observeTopic() {
        CoapAdapter adapter = start(pubSubOnly());
        URI temp = ps(adapter, "/demo/temp");
        expect(client.post(temp, "20"), CoapCode.CREATED);
        StepVerifier.create(client.observe(temp).map(CoapResponse::payloadUtf8))
                .expectNext("20")
                .then(() -> gateway.router().publish(Message.builder(Topic.of("demo/temp")).payload("21")
                        .contentType("text/plain").retain(true).build()))
                .expectNext("21")
                .then(() -> gateway.router().publish(Message.text(Topic.of("demo/temp"), "not retained")))
                .then(() -> client.put(temp, "22").subscribe())
                .expectNext("22")
                .then(() -> client.delete(temp).subscribe())
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(CoapResponseException.class,
                        ended -> assertThat(ended.response().code()).isEqualTo(CoapCode.NOT_FOUND)))
                .verify(TIMEOUT);
        assertThat(adapter.endpoint().stats().observersRemoved(RemovalReason.DELETED)).isEqualTo(1);
        assertThat(registry.find("tributary.coap.observe.removed").tag("reason", "deleted").functionCounter()
                .count()).isEqualTo(1);
        expect(client.get(ps(adapter, "/demo/none")), CoapCode.NOT_FOUND);
        assertThat(gateway.router().subscriptionCount()).as("the topic's router subscription is gone").isZero();
    }

    @Test
    @DisplayName("ten observers of a topic share one router subscription, which ends with the last of them")
    void observersShareSubscription() {
        CoapAdapter adapter = start(pubSubOnly());
        URI temp = ps(adapter, "/shared");
        expect(client.post(temp, "0"), CoapCode.CREATED);
        List<Flux<String>> observers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            observers.add(client.observe(temp).map(CoapResponse::payloadUtf8).take(2));
        }
        StepVerifier.create(Flux.merge(observers))
                .expectNextCount(10)
                .then(() -> {
                    assertThat(gateway.router().subscriptionCount()).isEqualTo(1);
                    assertThat(registry.find("tributary.coap.observe.relations").gauge().value()).isEqualTo(10);
                    gateway.router().publish(Message.text(Topic.of("shared"), "1").toBuilder().retain(true).build());
                })
                .expectNextCount(10)
                .expectComplete()
                .verify(TIMEOUT);
        // NSTART 1: this GET waits for the ten deregistrations before it.
        expect(client.get(temp), CoapCode.CONTENT);
        assertThat(adapter.endpoint().stats().observeRelations()).isZero();
        assertThat(gateway.router().subscriptionCount()).isZero();
    }

    @Test
    @DisplayName("RFC 7959: a 3,000-byte value goes in with Block1 and comes out with Block2, whole")
    void largeValues() {
        CoapAdapter adapter = start(pubSubOnly());
        String large = "0123456789".repeat(300);
        expect(client.put(ps(adapter, "/big"), large), CoapCode.CREATED);
        assertThat(gateway.router().retainedValue(Topic.of("big")).payloadUtf8()).isEqualTo(large);
        StepVerifier.create(client.get(ps(adapter, "/big")).map(CoapResponse::payloadUtf8))
                .expectNext(large)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    @DisplayName("§5.10.8: If-None-Match makes a create-only publish, If-Match a compare-and-set; 4.12 when they"
            + " fail; a GET holding the ETag gets 2.03")
    void conditionalPublish() {
        CoapAdapter adapter = start(pubSubOnly());
        URI topic = ps(adapter, "/cas");
        CoapClient createOnly = client.option(CoapOption.IF_NONE_MATCH, new byte[0]);
        expect(createOnly.put(topic, "1"), CoapCode.CREATED);
        expect(createOnly.put(topic, "2"), CoapCode.PRECONDITION_FAILED);
        assertThat(gateway.router().retainedValue(Topic.of("cas")).payloadUtf8()).isEqualTo("1");
        byte[] etag = client.get(topic).block(TIMEOUT).etag();
        expect(client.option(CoapOption.ETAG, etag).get(topic), CoapCode.VALID);
        expect(client.option(CoapOption.IF_MATCH, new byte[] {1, 2, 3}).put(topic, "3"), CoapCode.PRECONDITION_FAILED);
        StepVerifier.create(client.option(CoapOption.IF_MATCH, etag).put(topic, "3"))
                .assertNext(changed -> {
                    assertThat(changed.code()).isEqualTo(CoapCode.CHANGED);
                    assertThat(changed.etag()).isNotEqualTo(etag);
                })
                .expectComplete()
                .verify(TIMEOUT);
        expect(client.option(CoapOption.IF_MATCH, etag).put(topic, "4"), CoapCode.PRECONDITION_FAILED);
        expect(client.option(CoapOption.IF_MATCH, new byte[0]).put(ps(adapter, "/absent"), "5"),
                CoapCode.PRECONDITION_FAILED);
        assertThat(gateway.router().retainedValue(Topic.of("cas")).payloadUtf8()).isEqualTo("3");
    }

    @Test
    @DisplayName("§5.10.4: a value published without Content-Format is served as application/octet-stream and says"
            + " so; Accept: application/json gets 4.06")
    void formatless() {
        CoapAdapter adapter = start(pubSubOnly());
        gateway.router().publish(Message.builder(Topic.of("raw")).payload(new byte[] {1, 2}).retain(true).build());
        StepVerifier.create(client.get(ps(adapter, "/raw")))
                .assertNext(read -> {
                    assertThat(read.contentFormat()).isEqualTo(ContentFormat.OCTET_STREAM);
                    assertThat(read.payload()).containsExactly(1, 2);
                    assertThat(read.etag()).hasSize(8);
                })
                .expectComplete()
                .verify(TIMEOUT);
        expect(client.accept(ContentFormat.JSON).get(ps(adapter, "/raw")), CoapCode.NOT_ACCEPTABLE);
        expect(client.accept(ContentFormat.OCTET_STREAM).get(ps(adapter, "/raw")), CoapCode.CONTENT);
    }

    @Test
    @DisplayName("RFC 7252 §11.3: GET /ps of 300 topics answers a 12-byte request with one block of 1,024 bytes,"
            + " not 10 KB; the client reassembles the list")
    void listingInBlocks() throws Exception {
        CoapAdapter adapter = start(pubSubOnly());
        for (int i = 0; i < 300; i++) {
            gateway.router().publish(Message.text(Topic.of("building/floor/room" + i + "/temperature"), "20")
                    .toBuilder().retain(true).build());
        }
        byte[] request = {0x40, 0x01, 0x12, 0x34, (byte) 0xb2, 'p', 's'};
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            socket.setSoTimeout(10_000);
            socket.send(new DatagramPacket(request, request.length,
                    new InetSocketAddress("127.0.0.1", adapter.endpoint().port())));
            DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
            socket.receive(answer);
            CoapMessage reply = CoapCodec.decode(Arrays.copyOf(answer.getData(), answer.getLength()));
            assertThat(reply.payload()).hasSize(1024);
            assertThat(answer.getLength()).isLessThan(1024 + 32);
            assertThat(BlockOption.of(reply.options(), CoapOption.BLOCK2)).isEqualTo(new BlockOption(0, true, 6));
        }
        StepVerifier.create(client.get(URI.create("coap://127.0.0.1:" + adapter.endpoint().port() + "/ps"))
                        .map(CoapResponse::payloadUtf8))
                .assertNext(links -> assertThat(links.split(",")).hasSize(300)
                        .allMatch(link -> link.endsWith(";ct=0")))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    @DisplayName("RFC 6690: /.well-known/core lists /ps as a pub/sub collection in link format")
    void discovery() {
        CoapAdapter adapter = start(pubSubOnly());
        StepVerifier.create(client.get(URI.create("coap://127.0.0.1:" + adapter.endpoint().port()
                        + "/.well-known/core?rt=core.ps")).map(CoapResponse::payloadUtf8))
                .expectNext("</ps>;rt=\"core.ps\";ct=40")
                .expectComplete()
                .verify(TIMEOUT);
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
