package io.tributary.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueEntry;
import io.tributary.core.Message;
import io.tributary.core.NoResponderException;
import io.tributary.core.RequestTimeoutException;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.nats.NatsGateways.Node;
import io.tributary.nats.testing.NatsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Gateways bridged by a real nats-server: messages, retained values through the bucket, request/reply. */
@Tag("nats")
class NatsBridgeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final NatsGateways gateways = new NatsGateways();
    private NatsServer server;

    @AfterEach
    void stop() {
        gateways.close();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @DisplayName("a message published on A reaches B with its content type and attributes, marked origin=nats, and"
            + " is not exported again by B")
    void acrossAndNoLoop() {
        server = NatsServer.startJetStream(dir);
        Node a = gateways.startReady("a", NatsGateways.settings(server));
        Node b = gateways.startReady("b", NatsGateways.settings(server));
        Message sent = Message.builder(Topic.of("site1/temp")).payload("21.5").contentType("text/plain")
                .attribute(Message.ORIGIN, "coap").attribute(Message.PEER, "192.0.2.7:5683").build();

        StepVerifier.create(b.gateway().router().subscribe(TopicFilter.of("site1/#")).take(1))
                .then(() -> a.gateway().router().publish(sent))
                .assertNext(received -> {
                    assertThat(received.payloadUtf8()).isEqualTo("21.5");
                    assertThat(received.contentType()).isEqualTo("text/plain");
                    assertThat(received.timestampMillis()).isEqualTo(sent.timestampMillis());
                    assertThat(received.attributes()).containsEntry(Message.ORIGIN, "nats")
                            .containsEntry(NatsHeaders.ADAPTER, "coap")
                            .containsEntry(Message.PEER, "192.0.2.7:5683")
                            .containsEntry(NatsHeaders.GATEWAY, a.adapter().gatewayId());
                })
                .expectComplete()
                .verify(WAIT);
        assertThat(a.counter("tributary.nats.messages", "direction", "out")).isEqualTo(1);
        assertThat(b.counter("tributary.nats.messages", "direction", "in")).isEqualTo(1);
        assertThat(b.counter("tributary.nats.messages", "direction", "out")).isZero();
        assertThat(b.adapter().bufferedMessages()).isZero();
    }

    @Test
    @DisplayName("a retained value goes to the bucket (key = subject, value = headers + payload), a gateway started"
            + " later reads it, and an empty retained message clears it everywhere")
    void retainedThroughTheBucket() throws Exception {
        server = NatsServer.startJetStream(dir);
        Node a = gateways.startReady("a", NatsGateways.settings(server));
        Node b = gateways.startReady("b", NatsGateways.settings(server));
        Topic topic = Topic.of("site1/temp");
        a.gateway().router().publish(Message.builder(topic).payload("21.5").contentType("text/plain").retain(true)
                .build());
        b.awaitRetained(topic, "21.5");

        try (Connection client = Nats.connect(server.url())) {
            KeyValue bucket = client.keyValue("tributary-retained");
            NatsServer.await("key in the bucket", () -> entry(bucket, "tributary.site1.temp") != null);
            NatsHeaders.Unwrapped value = NatsHeaders.unwrap(entry(bucket, "tributary.site1.temp").getValue());
            assertThat(value.payload()).isEqualTo("21.5".getBytes(StandardCharsets.UTF_8));
            assertThat(value.headers().getFirst("Tributary-Origin")).startsWith(a.adapter().gatewayId() + " ");
            assertThat(value.headers().getFirst("Tributary-Retain")).isEqualTo("true");
            assertThat(value.headers().getFirst("Content-Type")).isEqualTo("text/plain");
        }

        Node late = gateways.startReady("late", NatsGateways.settings(server));
        late.awaitRetained(topic, "21.5");
        assertThat(late.gateway().router().retainedValue(topic).contentType()).isEqualTo("text/plain");

        a.gateway().router().publish(Message.builder(topic).retain(true).build());
        b.awaitRetained(topic, null);
        late.awaitRetained(topic, null);
        assertThat(b.counter("tributary.nats.messages", "direction", "in")).as("set and clear, each once")
                .isEqualTo(2);
    }

    @Test
    @DisplayName("request/reply: answered by B's responder; no responder anywhere fails fast; a silent responder"
            + " times out; each outcome is counted")
    void requestReply() {
        server = NatsServer.startJetStream(dir);
        Node a = gateways.startReady("a", NatsGateways.settings(server).with(NatsConfig.REQUEST_TIMEOUT,
                Duration.ofMillis(500)));
        Node b = gateways.startReady("b", NatsGateways.settings(server));
        Disposable echo = b.gateway().router().respond(TopicFilter.of("rpc/echo"), request ->
                Mono.just(Message.text(request.topic(), request.payloadUtf8().toUpperCase())));
        Disposable silent = b.gateway().router().respond(TopicFilter.of("rpc/silent"), request -> Mono.never());
        try {
            StepVerifier.create(a.gateway().router().request(Message.text(Topic.of("rpc/echo"), "hi")))
                    .assertNext(reply -> assertThat(reply.payloadUtf8()).isEqualTo("HI"))
                    .verifyComplete();
            StepVerifier.create(a.gateway().router().request(Message.text(Topic.of("rpc/none"), "hi")))
                    .expectError(NoResponderException.class)
                    .verify(WAIT);
            StepVerifier.create(a.gateway().router().request(Message.text(Topic.of("rpc/silent"), "hi")))
                    .expectError(RequestTimeoutException.class)
                    .verify(WAIT);
        } finally {
            echo.dispose();
            silent.dispose();
        }
        assertThat(a.timed("tributary.nats.requests", "direction", "out", "outcome", "ok")).isEqualTo(1);
        assertThat(a.timed("tributary.nats.requests", "direction", "out", "outcome", "no-responder")).isEqualTo(1);
        assertThat(a.timed("tributary.nats.requests", "direction", "out", "outcome", "timeout")).isEqualTo(1);
        assertThat(b.timed("tributary.nats.requests", "direction", "in", "outcome", "ok")).isEqualTo(1);
        assertThat(b.timed("tributary.nats.requests", "direction", "in", "outcome", "no-responder")).isEqualTo(1);
    }

    @Test
    @DisplayName("two gateways with a responder form a queue group: each of 20 requests is answered by exactly one")
    void queueGroup() {
        server = NatsServer.startJetStream(dir);
        Node a = gateways.startReady("a", NatsGateways.settings(server));
        Node b = gateways.startReady("b", NatsGateways.settings(server));
        Node c = gateways.startReady("c", NatsGateways.settings(server));
        for (Node responder : List.of(b, c)) {
            responder.gateway().router().respond(TopicFilter.of("rpc/who"), request ->
                    Mono.just(Message.text(request.topic(), responder.adapter().gatewayId())));
        }
        StepVerifier.create(Flux.range(0, 20)
                        .concatMap(i -> a.gateway().router().request(Message.text(Topic.of("rpc/who"), "?")))
                        .map(Message::payloadUtf8).collectList())
                .assertNext(answeredBy -> assertThat(answeredBy).hasSize(20)
                        .allMatch(Set.of(b.adapter().gatewayId(), c.adapter().gatewayId())::contains))
                .expectComplete()
                .verify(WAIT);
        assertThat(b.timed("tributary.nats.requests", "direction", "in", "outcome", "ok")
                + c.timed("tributary.nats.requests", "direction", "in", "outcome", "ok")).isEqualTo(20);
    }

    @Test
    @DisplayName("NATS unreachable at start: the gateway starts with the adapter not ready, and connects once a"
            + " server comes up")
    void unreachableAtStart() {
        server = NatsServer.define("late", dir, true, "");
        Node a = gateways.start("a", NatsGateways.settings(server));
        assertThat(a.gateway().notReady()).containsExactly("nats");
        server.start();
        NatsServer.await("adapter ready", () -> a.adapter().ready());
        assertThat(a.gateway().ready()).isTrue();

        Node b = gateways.startReady("b", NatsGateways.settings(server));
        StepVerifier.create(b.gateway().router().subscribe(TopicFilter.of("x")).take(1))
                .then(() -> a.gateway().router().publish(Message.text(Topic.of("x"), "after")))
                .assertNext(received -> assertThat(received.payloadUtf8()).isEqualTo("after"))
                .expectComplete()
                .verify(WAIT);
    }

    private static KeyValueEntry entry(KeyValue bucket, String key) {
        try {
            return bucket.get(key);
        } catch (Exception e) {
            return null;
        }
    }
}
