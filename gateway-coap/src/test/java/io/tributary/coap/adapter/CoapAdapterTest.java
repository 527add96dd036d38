package io.tributary.coap.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapConfig;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapServer;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.CoapCode;
import io.tributary.core.Message;
import io.tributary.core.SubscribeOptions;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class CoapAdapterTest {

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
            device.disposeLater().block(Duration.ofSeconds(10));
        }
        if (gateway != null) {
            gateway.stop().block(Duration.ofSeconds(10));
        }
    }

    private CoapAdapter start(CoapAdapter adapter) {
        gateway = Gateway.create().http(false).meterRegistry(registry).adapter(adapter)
                .start().block(Duration.ofSeconds(10));
        client = CoapClient.bind().block(Duration.ofSeconds(10));
        return adapter;
    }

    private URI ps(CoapAdapter adapter, String path) {
        return URI.create("coap://127.0.0.1:" + adapter.endpoint().port() + "/ps" + path);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("/ps: POST creates (2.01 + Location-Path), PUT changes (2.04), GET reads (2.05), DELETE clears (2.02)")
    void pubSubWindow() {
        CoapAdapter adapter = start(CoapAdapter.create(CoapServer.create().host("127.0.0.1").port(0), List.of()));
        URI temp = ps(adapter, "/demo/temp");

        CoapResponse created = client.post(temp, utf8("21.5"), ContentFormat.TEXT_PLAIN).block(Duration.ofSeconds(5));
        assertThat(created.code()).isEqualTo(CoapCode.CREATED);
        assertThat(created.options().locationPath()).containsExactly("ps", "demo", "temp");
        Message retained = gateway.router().retainedValue(Topic.of("demo/temp"));
        assertThat(retained.payloadUtf8()).isEqualTo("21.5");
        assertThat(retained.contentType()).isEqualTo("text/plain;charset=utf-8");
        assertThat(retained.attribute(Message.ORIGIN)).isEqualTo("coap");

        assertThat(client.put(temp, utf8("{\"t\":22}"), ContentFormat.JSON).block(Duration.ofSeconds(5)).code())
                .isEqualTo(CoapCode.CHANGED);
        CoapResponse read = client.get(temp).block(Duration.ofSeconds(5));
        assertThat(read.code()).isEqualTo(CoapCode.CONTENT);
        assertThat(read.payloadUtf8()).isEqualTo("{\"t\":22}");
        assertThat(read.contentFormat()).as("the content format is kept").isEqualTo(ContentFormat.JSON);
        assertThat(client.accept(ContentFormat.TEXT_PLAIN).get(temp).block(Duration.ofSeconds(5)).code())
                .isEqualTo(CoapCode.NOT_ACCEPTABLE);

        CoapResponse listing = client.get(URI.create("coap://127.0.0.1:" + adapter.endpoint().port() + "/ps"))
                .block(Duration.ofSeconds(5));
        assertThat(listing.contentFormat()).isEqualTo(ContentFormat.LINK_FORMAT);
        assertThat(listing.payloadUtf8()).isEqualTo("</ps/demo/temp>;ct=50");

        assertThat(client.delete(temp).block(Duration.ofSeconds(5)).code()).isEqualTo(CoapCode.DELETED);
        assertThat(gateway.router().retainedValue(Topic.of("demo/temp"))).isNull();
        assertThat(client.get(temp).block(Duration.ofSeconds(5)).code()).isEqualTo(CoapCode.NOT_FOUND);
    }

    @Test
    @DisplayName("a CoAP POST reaches router subscribers as a message on the topic")
    void publishesToSubscribers() {
        CoapAdapter adapter = start(CoapAdapter.create(CoapServer.create().host("127.0.0.1").port(0), List.of()));
        StepVerifier.create(gateway.router().subscribe(TopicFilter.of("sensors/+/temp")).map(Message::payloadUtf8))
                .then(() -> client.post(ps(adapter, "/sensors/kitchen/temp"), utf8("19"), ContentFormat.TEXT_PLAIN)
                        .block(Duration.ofSeconds(5)))
                .expectNext("19")
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("bad topics and empty payloads get 4.00; the adapter keeps serving")
    void badRequests() {
        CoapAdapter adapter = start(CoapAdapter.create(CoapServer.create().host("127.0.0.1").port(0), List.of()));
        assertThat(client.post(ps(adapter, "/a/%2B/b"), utf8("x"), 0).block(Duration.ofSeconds(5)).code())
                .isEqualTo(CoapCode.BAD_REQUEST);
        assertThat(client.post(ps(adapter, "/a"), new byte[0], 0).block(Duration.ofSeconds(5)).code())
                .isEqualTo(CoapCode.BAD_REQUEST);
        assertThat(client.get(ps(adapter, "/never")).block(Duration.ofSeconds(5)).code())
                .isEqualTo(CoapCode.NOT_FOUND);
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
                .bindNow(Duration.ofSeconds(10));
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
                .verify(Duration.ofSeconds(10));
        assertThat(gateway.router().retainedValue(Topic.of("coap/kitchen/sensors/temp")).payloadUtf8())
                .isEqualTo("22");
        assertThat(registry.find("tributary.coap.poll.failures").tag("device", "hall").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("device polls are validated: one topic segment, a coap:// URI, at least 1 s")
    void pollValidation() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new DevicePoll("a/b", URI.create("coap://h/x"), Duration.ofSeconds(5), true));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new DevicePoll("a", URI.create("http://h/x"), Duration.ofSeconds(5), true));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
                new DevicePoll("a", URI.create("coap://h/x"), Duration.ofMillis(5), true));
        assertThat(new DevicePoll("a", URI.create("coap://h"), Duration.ofSeconds(5), true).topic())
                .isEqualTo(Topic.of("coap/a"));
    }
}
