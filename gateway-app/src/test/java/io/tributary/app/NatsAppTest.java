package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpMethod;
import io.tributary.app.config.ConfigLoader;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMethod;
import io.tributary.core.Message;
import io.tributary.core.TopicFilter;
import io.tributary.nats.testing.NatsServer;
import io.tributary.nats.testing.NatsTopologies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * Whole gateways (the application as configured from the environment) sharing one topic space over real
 * nats-server processes: CoAP on one gateway, CoAP, GENA and an embedded subscriber on another.
 */
@Tag("nats")
class NatsAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TEMP = "/ps/site1/temp";

    @TempDir
    Path dir;

    private final List<GatewayApplication.Running> gateways = new ArrayList<>();
    private final List<NatsServer> servers = new ArrayList<>();
    private final List<Disposable> resources = new ArrayList<>();
    private final BlockingQueue<String> genaBodies = new LinkedBlockingQueue<>();
    private CoapClient coap;
    private DisposableServer genaReceiver;

    @BeforeEach
    void client() {
        coap = CoapClient.bind().block(WAIT);
        genaReceiver = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8)
                        .doOnNext(genaBodies::add).then(response.status(200).send()))
                .bindNow();
    }

    @AfterEach
    void stop() {
        resources.forEach(Disposable::dispose);
        gateways.forEach(running -> running.stop().block(WAIT));
        coap.dispose();
        genaReceiver.disposeNow(WAIT);
        NatsTopologies.stopAll(servers);
    }

    @Test
    @DisplayName("one nats-server: a CoAP PUT on A is read by CoAP GET on B, reaches B's GENA and embedded"
            + " subscribers, is read by a gateway started later (key-value bucket), and a DELETE clears it on all")
    void sharedTopicSpace() throws Exception {
        NatsServer server = NatsServer.startJetStream(dir);
        servers.add(server);
        flow(Map.of("TRIBUTARY_NATS_SERVERS", "[" + server.url() + "]"),
                Map.of("TRIBUTARY_NATS_SERVERS", "[" + server.url() + "]"));
    }

    @Test
    @DisplayName("edge topology: each gateway on its own leaf node, the leaves on one hub; the same flow works")
    void leafNodes() throws Exception {
        List<NatsServer> topology = NatsTopologies.hubAndLeaves(dir, 2);
        servers.addAll(topology);
        // The leaves have no JetStream of their own: the bucket lives in the hub's domain.
        String domain = NatsTopologies.HUB_DOMAIN;
        flow(Map.of("TRIBUTARY_NATS_SERVERS", "[" + topology.get(1).url() + "]",
                        "TRIBUTARY_NATS_RETAINED_DOMAIN", domain),
                Map.of("TRIBUTARY_NATS_SERVERS", "[" + topology.get(2).url() + "]",
                        "TRIBUTARY_NATS_RETAINED_DOMAIN", domain));
    }

    @Test
    @DisplayName("no server reachable: the gateway starts and /health/ready answers 503 naming nats")
    void unreachable() {
        GatewayApplication.Running running = start(Map.of("TRIBUTARY_NATS_SERVERS",
                "[nats://127.0.0.1:" + NatsServer.freePort() + "]"));
        assertThat(http(running, "/health/ready")).startsWith("503 ").contains("\"notReady\":[\"nats\"]")
                .contains("\"nats\":\"STARTED\"");
        assertThat(http(running, "/metrics")).contains("tributary_nats_connected 0.0");
    }

    private void flow(Map<String, String> natsA, Map<String, String> natsB) throws Exception {
        GatewayApplication.Running a = start(natsA);
        GatewayApplication.Running b = start(natsB);
        awaitReady(a);
        awaitReady(b);
        BlockingQueue<Message> embedded = new LinkedBlockingQueue<>();
        resources.add(b.gateway().router().subscribe(TopicFilter.of("site1/#")).subscribe(embedded::add));
        subscribeGena(b);

        assertThat(coap(CoapMethod.PUT, a, TEMP, "21.5").code()).isEqualTo(CoapCode.CREATED);

        NatsServer.await("B answers GET " + TEMP + " with 21.5", () -> {
            CoapResponse response = coap(CoapMethod.GET, b, TEMP, null);
            return response.code().equals(CoapCode.CONTENT) && response.payloadUtf8().equals("21.5");
        });
        Message received = embedded.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(received.payloadUtf8()).isEqualTo("21.5");
        assertThat(received.attributes()).containsEntry(Message.ORIGIN, "nats").containsEntry("nats.adapter", "coap");
        assertThat(nextGena()).contains("<site1.temp>21.5</site1.temp>");

        GatewayApplication.Running late = start(natsB);
        awaitReady(late);
        NatsServer.await("a gateway started after the PUT reads it", () -> {
            CoapResponse response = coap(CoapMethod.GET, late, TEMP, null);
            return response.code().equals(CoapCode.CONTENT) && response.payloadUtf8().equals("21.5");
        });

        assertThat(coap(CoapMethod.DELETE, a, TEMP, null).code()).isEqualTo(CoapCode.DELETED);
        for (GatewayApplication.Running gateway : List.of(a, b, late)) {
            NatsServer.await("DELETE cleared on every gateway",
                    () -> coap(CoapMethod.GET, gateway, TEMP, null).code().equals(CoapCode.NOT_FOUND));
        }
        assertThat(http(b, "/metrics")).contains("tributary_nats_connected 1.0")
                .contains("tributary_nats_messages_total{direction=\"in\"} 2.0");
    }

    private GatewayApplication.Running start(Map<String, String> nats) {
        Map<String, String> environment = new HashMap<>(Map.of("TRIBUTARY_HTTP_PORT", "0",
                "TRIBUTARY_HTTP_HOST", "127.0.0.1", "TRIBUTARY_COAP_PORT", "0", "TRIBUTARY_COAP_HOST", "127.0.0.1",
                "TRIBUTARY_PNP_ENABLED", "false", "TRIBUTARY_NATS_ENABLED", "true",
                "TRIBUTARY_NATS_RECONNECT_WAIT", "100ms", "TRIBUTARY_NATS_RECONNECT_WAIT_MAX", "500ms"));
        environment.putAll(nats);
        try {
            GatewayApplication.Running running = new GatewayApplication(new ConfigLoader().load(null, environment))
                    .start().block(WAIT);
            gateways.add(running);
            return running;
        } catch (Exception e) {
            throw new AssertionError("gateway did not start", e);
        }
    }

    private static void awaitReady(GatewayApplication.Running running) {
        NatsServer.await("gateway ready", () -> running.gateway().ready());
    }

    /** The one place this test speaks CoAP. */
    private CoapResponse coap(CoapMethod method, GatewayApplication.Running gateway, String path, String payload) {
        URI uri = URI.create("coap://127.0.0.1:" + gateway.coapPort() + path);
        byte[] body = payload == null ? new byte[0] : payload.getBytes(StandardCharsets.UTF_8);
        return coap.request(method, uri, body, payload == null ? null : ContentFormat.TEXT_PLAIN).block(WAIT);
    }

    private void subscribeGena(GatewayApplication.Running gateway) throws InterruptedException {
        int status = HttpClient.create().baseUrl("http://127.0.0.1:" + gateway.gateway().httpAddress().getPort())
                .headers(h -> h.set("NT", "upnp:event").set("TIMEOUT", "Second-1800")
                        .set("CALLBACK", "<http://127.0.0.1:" + genaReceiver.port() + "/cb>"))
                .request(HttpMethod.valueOf("SUBSCRIBE")).uri("/upnp/event/topics")
                .response().map(response -> response.status().code()).block(WAIT);
        assertThat(status).isEqualTo(200);
        assertThat(nextGena()).contains("<e:propertyset");
    }

    private String nextGena() throws InterruptedException {
        return genaBodies.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static String http(GatewayApplication.Running gateway, String path) {
        return HttpClient.create().baseUrl("http://127.0.0.1:" + gateway.gateway().httpAddress().getPort())
                .get().uri(path).responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> response.status().code() + " " + text))
                .block(WAIT);
    }
}
