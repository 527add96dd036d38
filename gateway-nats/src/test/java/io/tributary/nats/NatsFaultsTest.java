package io.tributary.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.core.config.Settings;
import io.tributary.nats.NatsGateways.Node;
import io.tributary.nats.testing.NatsServer;
import io.tributary.nats.testing.NatsTopologies;
import io.tributary.nats.testing.TcpGate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Server outages and failover with real nats-server processes. */
@Tag("nats")
class NatsFaultsTest {

    private static final Topic STREAM = Topic.of("stream");
    private static final Topic STATE_A = Topic.of("site1/state");
    private static final Topic STATE_B = Topic.of("site2/state");

    @TempDir
    Path dir;

    private final NatsGateways gateways = new NatsGateways();
    private final List<NatsServer> servers = new ArrayList<>();
    private final List<Disposable> subscribers = new ArrayList<>();

    @AfterEach
    void stop() {
        subscribers.forEach(Disposable::dispose);
        gateways.close();
        NatsTopologies.stopAll(servers);
    }

    @Test
    @DisplayName("server stopped for 10 s of a stream: gateways serve locally, buffer boundedly, reconnect; every"
            + " message is delivered once or counted as dropped, and retained values converge through the bucket")
    void outage() {
        NatsServer server = NatsServer.startJetStream(dir);
        servers.add(server);
        // A reaches the server through a gate, so that B is back (and subscribed) before A sends what it held.
        try (TcpGate gate = new TcpGate(server.port()).open()) {
            Settings small = NatsGateways.settings(server).with(NatsConfig.BUFFER, 32 * 1024);
            Node a = gateways.startReady("a", small.with(NatsConfig.SERVERS, List.of(URI.create(gate.url()))));
            Node b = gateways.startReady("b", small);
            List<Integer> atA = record(a);
            List<Integer> atB = record(b);

            publish(a, 0, 300);
            NatsServer.await("B has the first 300", () -> atB.size() == 300);
            a.gateway().router().publish(retained(STATE_A, "v1"));
            b.gateway().router().publish(retained(STATE_B, "w1"));
            b.awaitRetained(STATE_A, "v1");
            a.awaitRetained(STATE_B, "w1");

            gate.shut();
            server.stop();
            NatsServer.await("both adapters see the outage", () -> !a.adapter().ready() && !b.adapter().ready());
            assertThat(a.gateway().notReady()).containsExactly("nats");

            // ten seconds of the stream, at 100 messages a second, go out while the server is down
            StepVerifier.create(Flux.interval(Duration.ofMillis(10)).take(1000)
                            .doOnNext(i -> publish(a, 300 + i.intValue(), 301 + i.intValue())))
                    .expectNextCount(1000)
                    .expectComplete()
                    .verify(Duration.ofSeconds(60));
            b.gateway().router().publish(retained(STATE_B, "w2"));
            a.gateway().router().publish(retained(STATE_A, "v2"));
            assertThat(atA).as("A keeps serving its local subscriber").hasSize(1300);
            assertThat(b.gateway().router().retainedValue(STATE_B).payloadUtf8()).isEqualTo("w2");
            double droppedAtA = a.counter("tributary.nats.dropped", "reason", "buffer-full");
            assertThat(droppedAtA).as("the buffer is bounded: most of the outage is dropped").isGreaterThan(500);
            assertThat(a.adapter().bufferedMessages()).as("what fits waits").isBetween(50, 300);

            server.start();
            NatsServer.await("B reconnected", () -> b.adapter().ready());
            gate.open();
            NatsServer.await("A reconnected and sent what it held", () -> a.adapter().ready()
                    && a.adapter().bufferedMessages() == 0);
            publish(a, 1300, 1400); // fits the buffer: no drop after the outage

            NatsServer.await("B has every message A did not drop",
                    () -> atB.size() + a.counter("tributary.nats.dropped", "reason", "buffer-full") == 1400);
            assertThat(a.counter("tributary.nats.dropped", "reason", "buffer-full")).isEqualTo(droppedAtA);
            assertThat(atB).as("no duplicates, in order").isSorted().doesNotHaveDuplicates()
                    .containsAll(IntStream.range(0, 300).boxed().toList())
                    .containsAll(IntStream.range(1300, 1400).boxed().toList());
            b.awaitRetained(STATE_A, "v2");
            a.awaitRetained(STATE_B, "w2");
            assertThat(a.counter("tributary.nats.reconnects")).isGreaterThanOrEqualTo(1);
            assertThat(b.counter("tributary.nats.reconnects")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    @DisplayName("three-server cluster, the server a gateway uses is killed: it fails over and messages flow again")
    void clusterFailover() {
        servers.addAll(NatsTopologies.cluster(dir, 3));
        Settings settings = NatsGateways.settings(servers.toArray(new NatsServer[0]))
                .with(NatsConfig.RETAINED_SETTINGS, NatsConfig.RETAINED.defaults().with(NatsConfig.REPLICAS, 3));
        Node a = gateways.startReady("a", settings);
        Node b = gateways.startReady("b", settings);
        NatsServer used = servers.stream().filter(server -> a.adapter().connectedUrl().endsWith(":" + server.port()))
                .findFirst().orElseThrow();
        a.gateway().router().publish(retained(STATE_A, "before"));
        b.awaitRetained(STATE_A, "before");

        used.kill();
        NatsServer.await("A fails over to another server", () -> a.adapter().ready()
                && !a.adapter().connectedUrl().endsWith(":" + used.port()));
        NatsServer.await("B connected", () -> b.adapter().ready());
        StepVerifier.create(b.gateway().router().subscribe(TopicFilter.of("after")).take(1))
                .then(() -> a.gateway().router().publish(Message.text(Topic.of("after"), "flows")))
                .assertNext(received -> assertThat(received.payloadUtf8()).isEqualTo("flows"))
                .expectComplete()
                .verify(Duration.ofSeconds(20));
        Node late = gateways.startReady("late", settings);
        late.awaitRetained(STATE_A, "before");
    }

    private List<Integer> record(Node node) {
        List<Integer> received = Collections.synchronizedList(new ArrayList<>());
        subscribers.add(node.gateway().router().subscribe(TopicFilter.exactly(STREAM))
                .subscribe(message -> received.add(Integer.valueOf(message.payloadUtf8()))));
        return received;
    }

    private static void publish(Node node, int from, int to) {
        for (int i = from; i < to; i++) {
            node.gateway().router().publish(Message.text(STREAM, Integer.toString(i)));
        }
    }

    private static Message retained(Topic topic, String value) {
        return Message.builder(topic).payload(value).retain(true).build();
    }
}
