package io.tributary.nats;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.Topic;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.nats.testing.NatsServer;

/** Embedded gateways with a NATS adapter each, for the tests against real servers; stops them all at the end. */
final class NatsGateways implements AutoCloseable {

    private final List<Node> nodes = new ArrayList<>();

    /** A running gateway, its adapter and its meters. */
    record Node(RunningGateway gateway, NatsAdapter adapter, SimpleMeterRegistry meters) {

        double counter(String name, String... tags) {
            Counter counter = meters.find(name).tags(tags).counter();
            return counter == null ? 0 : counter.count();
        }

        long timed(String name, String... tags) {
            Timer timer = meters.find(name).tags(tags).timer();
            return timer == null ? 0 : timer.count();
        }

        void awaitRetained(Topic topic, String payload) {
            NatsServer.await("retained " + topic + " = " + payload + " on " + adapter.gatewayId(), () -> {
                var value = gateway.router().retainedValue(topic);
                return payload == null ? value == null : value != null && value.payloadUtf8().equals(payload);
            });
        }
    }

    /**
     * @param servers the servers the gateway knows
     * @return settings with short reconnect waits and small buffers, enabled, exporting and importing #
     */
    static Settings settings(NatsServer... servers) {
        return settings(List.of(servers).stream().map(NatsServer::url).collect(Collectors.joining(",")));
    }

    static Settings settings(String urls) {
        return NatsConfig.defaults().with(NatsConfig.ENABLED, true)
                .with(NatsConfig.SERVERS, List.of(urls.split(",")).stream().map(URI::create).toList())
                .with(NatsConfig.RECONNECT_WAIT, Duration.ofMillis(100))
                .with(NatsConfig.RECONNECT_WAIT_MAX, Duration.ofMillis(500))
                .with(NatsConfig.REQUEST_TIMEOUT, Duration.ofSeconds(2));
    }

    /** Starts a gateway and waits until its adapter is connected with its subscriptions in place. */
    Node startReady(String name, Settings settings) {
        Node node = start(name, settings);
        NatsServer.await(name + " connected", () -> node.adapter().ready());
        return node;
    }

    Node start(String name, Settings settings) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        NatsAdapter adapter = NatsAdapter.create(settings.with(NatsConfig.NAME, name));
        RunningGateway gateway = Gateway.create().http(false).meterRegistry(meters).adapter(adapter).start()
                .block(Duration.ofSeconds(30));
        Node node = new Node(gateway, adapter, meters);
        nodes.add(node);
        return node;
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.gateway().stop().block(Duration.ofSeconds(30));
        }
    }
}
