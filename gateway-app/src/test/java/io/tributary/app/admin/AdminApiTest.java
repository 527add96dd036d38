package io.tributary.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import io.tributary.app.GatewayApplication;
import io.tributary.app.testing.LoopbackUpnpDevice;
import io.tributary.app.config.ConfigLoader;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapResponse;
import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.core.config.Settings;
import io.tributary.upnp.discovery.SubscriptionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

class AdminApiTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String TOKEN = "admin-token-0123456789";
    static final String READ_TOKEN = "read-token-0123456789";
    /** A cheap cost keeps the test fast; the verification is the same. */
    static final String OPS_HASH = BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray());

    private GatewayApplication.Running running;
    private AdminSurface admin;
    private String base;

    private void start(Map<String, String> environment) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("TRIBUTARY_HTTP_PORT", "0",
                "TRIBUTARY_HTTP_HOST", "127.0.0.1", "TRIBUTARY_COAP_PORT", "0", "TRIBUTARY_COAP_HOST", "127.0.0.1",
                "TRIBUTARY_PNP_DATA_DIR", "admin-api-test/pnp-" + System.nanoTime()));
        env.putAll(environment);
        Settings config = new ConfigLoader().load(null, env);
        running = new GatewayApplication(config).start().block(TIMEOUT);
        admin = AdminSurface.start(running, List.of()).block(TIMEOUT);
        base = "http://127.0.0.1:" + (admin.ownAddress() != null ? admin.ownAddress().getPort()
                : running.gateway().httpAddress().getPort());
    }

    private void startWithCredentials() throws Exception {
        start(Map.of("TRIBUTARY_ADMIN_TOKEN", TOKEN, "TRIBUTARY_ADMIN_READ_TOKEN", READ_TOKEN,
                "TRIBUTARY_ADMIN_USERS", "[{name: ops, password-hash: '" + OPS_HASH + "', role: admin}]"));
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.stop().block(TIMEOUT);
        }
        if (running != null) {
            running.stop().block(TIMEOUT);
        }
    }

    record Answer(int status, String body, String contentType, String authenticate) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private Answer call(HttpMethod method, String path, Map<String, String> headers, String body) {
        return HttpClient.create().headers(h -> headers.forEach(h::set))
                .request(method).uri(base + path)
                .send(body == null ? Mono.empty() : ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(text ->
                        new Answer(response.status().code(), text, response.responseHeaders().get("content-type"),
                                response.responseHeaders().get("www-authenticate"))))
                .block(TIMEOUT);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private double denied(int status) {
        var counter = running.meterRegistry().find("tributary.admin.denied").tag("status", Integer.toString(status))
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    @DisplayName("by default the admin API is off the shared listener: /api/ answers 404")
    void offByDefault() throws Exception {
        start(Map.of());
        assertThat(admin.onSharedListener()).isFalse();
        assertThat(admin.ownAddress()).isNull();
        assertThat(call(HttpMethod.GET, "/api/topics", bearer(TOKEN), null).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("wrong or missing credentials get 401 with a Bearer challenge; a read-only role writing gets 403;"
            + " both counted")
    void unauthorizedAndForbidden() throws Exception {
        startWithCredentials();
        Answer none = call(HttpMethod.GET, "/api/topics", Map.of(), null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.authenticate()).isEqualTo("Bearer realm=\"tributary\"");
        assertThat(none.json().get("error").asText()).isEqualTo("missing or wrong credentials");
        assertThat(call(HttpMethod.GET, "/api/topics", bearer("wrong-token-000000000"), null).status())
                .isEqualTo(401);
        assertThat(call(HttpMethod.GET, "/api/topics", basic("ops", "wrong"), null).status()).isEqualTo(401);
        assertThat(denied(401)).isEqualTo(3);

        assertThat(call(HttpMethod.GET, "/api/whoami", bearer(READ_TOKEN), null).json().get("role").asText())
                .isEqualTo("READ_ONLY");
        Answer write = call(HttpMethod.POST, "/api/topics/demo/x", bearer(READ_TOKEN), "1");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().get("error").asText()).isEqualTo("read-token has the read-only role");
        assertThat(denied(403)).isEqualTo(1);
        assertThat(running.gateway().router().retainedValue(Topic.of("demo/x"))).isNull();
    }

    @Test
    @DisplayName("CSRF: a basic-auth write without X-Requested-With, or from another origin, gets 403")
    void crossSiteWrites() throws Exception {
        startWithCredentials();
        Answer form = call(HttpMethod.POST, "/api/topics/demo/x", basic("ops", "s3cret"), "1");
        assertThat(form.status()).isEqualTo(403);
        assertThat(form.json().get("error").asText()).contains("X-Requested-With");
        Map<String, String> crossOrigin = new HashMap<>(basic("ops", "s3cret"));
        crossOrigin.put("X-Requested-With", "x");
        crossOrigin.put("Origin", "http://evil.example");
        assertThat(call(HttpMethod.POST, "/api/topics/demo/x", crossOrigin, "1").status()).isEqualTo(403);
        Map<String, String> sameSite = new HashMap<>(basic("ops", "s3cret"));
        sameSite.put("X-Requested-With", "x");
        Answer ok = call(HttpMethod.POST, "/api/topics/demo/x", sameSite, "1");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(running.gateway().router().retainedValue(Topic.of("demo/x")).attribute("by")).isEqualTo("ops");
    }

    @Test
    @DisplayName("topics: publish with a content type, list the retained value, delete it")
    void topics() throws Exception {
        startWithCredentials();
        Map<String, String> headers = new HashMap<>(bearer(TOKEN));
        headers.put("Content-Type", "text/plain;charset=utf-8");
        Answer published = call(HttpMethod.POST, "/api/topics/demo/kitchen/temp", headers, "21.5");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("topic").asText()).isEqualTo("demo/kitchen/temp");
        assertThat(published.json().get("retained").asBoolean()).isTrue();
        JsonNode listed = call(HttpMethod.GET, "/api/topics?filter=demo/%2B/temp", bearer(TOKEN), null).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("topic").asText()).isEqualTo("demo/kitchen/temp");
        assertThat(listed.get(0).get("preview").asText()).isEqualTo("21.5");
        assertThat(listed.get(0).get("contentType").asText()).isEqualTo("text/plain;charset=utf-8");
        assertThat(listed.get(0).get("size").asInt()).isEqualTo(4);
        assertThat(listed.get(0).get("origin").asText()).isEqualTo("admin");
        Answer deleted = call(HttpMethod.DELETE, "/api/topics/demo/kitchen/temp", bearer(TOKEN), null);
        assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
        assertThat(call(HttpMethod.GET, "/api/topics", bearer(TOKEN), null).json()).isEmpty();
        assertThat(call(HttpMethod.GET, "/api/topics?filter=a/%23/b", bearer(TOKEN), null).status()).isEqualTo(400);
        assertThat(call(HttpMethod.PUT, "/api/topics/demo", bearer(TOKEN), "x").status()).isEqualTo(405);
        assertThat(call(HttpMethod.GET, "/api/nothing", bearer(TOKEN), null).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("the live stream sends each matching message as an SSE event, JSON with the payload")
    void liveStream() throws Exception {
        startWithCredentials();
        StepVerifier.create(HttpClient.create().headers(h -> h.set("Authorization", "Bearer " + TOKEN))
                        .get().uri(base + "/api/topics/stream?filter=demo/%23")
                        .responseContent().asString())
                .expectNext(": demo/#\n\n")
                .then(() -> running.gateway().router().publish(Message.text(Topic.of("other/x"), "no")))
                .then(() -> running.gateway().router().publish(Message.text(Topic.of("demo/a"), "yes")))
                .assertNext(chunk -> assertThat(chunk).startsWith("event: message\ndata: {\"topic\":\"demo/a\","
                        + "\"contentType\":\"text/plain;charset=utf-8\",\"size\":3,").contains(
                        "\"payload\":\"yes\",\"encoding\":\"utf-8\"}").doesNotContain("other/x"))
                .thenCancel().verify(TIMEOUT);
    }

    @Test
    @DisplayName("a client that falls behind its buffer loses the oldest messages and is told how many first")
    void dropsSignalled() {
        Router router = Router.create();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TopicStream bounded = new TopicStream(router, 2, registry);
        StepVerifier.create(bounded.events(TopicFilter.of("#"), Message::payloadUtf8,
                        missed -> "[dropped " + missed + "]"), 1)
                .expectNext(": #\n\n")
                .then(() -> {
                    for (int i = 1; i <= 5; i++) {
                        router.publish(Message.text(Topic.of("t"), Integer.toString(i)));
                    }
                })
                .thenRequest(2)
                .as("the message in hand, then the notice before the newest two")
                .expectNext("1", "[dropped 2]4")
                .thenRequest(1)
                .expectNext("5")
                .thenCancel().verify(TIMEOUT);
        assertThat(registry.get("tributary.admin.stream.dropped").counter().count()).isEqualTo(2);
        assertThat(router.stats().dropped()).isEqualTo(2);
    }

    @Test
    @DisplayName("OpenAPI: /api/openapi.json documents exactly the routes the API serves")
    void openApiMatchesRoutes() throws Exception {
        startWithCredentials();
        Answer document = call(HttpMethod.GET, "/api/openapi.json", Map.of(), null);
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("openapi").asText()).startsWith("3.");
        TreeSet<String> documented = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.json().get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " "
                    + path.getKey()));
        }
        AdminApi api = new AdminApi(new StatusViews(running), null, null);
        assertThat(documented).containsExactlyElementsOf(new TreeSet<>(api.routes()));
    }

    @Test
    @DisplayName("an admin listener of its own on 127.0.0.1 without credentials lets local requests in as admin")
    void ownListenerOpen() throws Exception {
        start(Map.of("TRIBUTARY_ADMIN_PORT", "0"));
        assertThat(admin.ownAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(admin.onSharedListener()).isFalse();
        JsonNode who = call(HttpMethod.GET, "/api/whoami", Map.of(), null).json();
        assertThat(who.get("name").asText()).isEqualTo("local");
        assertThat(who.get("role").asText()).isEqualTo("ADMIN");
        assertThat(call(HttpMethod.POST, "/api/topics/x", Map.of(), "1").status()).as("CSRF check still applies")
                .isEqualTo(403);
        assertThat(call(HttpMethod.POST, "/api/topics/x", Map.of("X-Requested-With", "cli"), "1").status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("PnP over the API: claiming an unknown device is 404, a bad body 400; rules are listed")
    void pnpErrors() throws Exception {
        startWithCredentials();
        assertThat(call(HttpMethod.GET, "/api/pnp/rules", bearer(TOKEN), null).body()).isEqualTo("[]");
        assertThat(call(HttpMethod.GET, "/api/pnp/devices", bearer(TOKEN), null).body()).isEqualTo("[]");
        assertThat(call(HttpMethod.GET, "/api/pnp/devices/X1", bearer(TOKEN), null).status()).isEqualTo(404);
        Answer unknown = call(HttpMethod.POST, "/api/pnp/devices/X1/claim", bearer(TOKEN), "{\"rule\":\"edge\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("no device X1 has contacted the server");
        assertThat(call(HttpMethod.POST, "/api/pnp/devices/X1/claim", bearer(TOKEN), "not json").status())
                .isEqualTo(400);
        assertThat(call(HttpMethod.POST, "/api/pnp/devices/X1/retry", bearer(TOKEN), null).status()).isEqualTo(404);
        JsonNode coap = call(HttpMethod.GET, "/api/coap", bearer(TOKEN), null).json();
        assertThat(coap.get("port").asInt()).isEqualTo(running.coapPort());
        JsonNode upnp = call(HttpMethod.GET, "/api/upnp/subscriptions", bearer(TOKEN), null).json();
        assertThat(upnp.get("publisher")).isEmpty();
        assertThat(upnp.get("subscriber")).isEmpty();
        JsonNode meters = call(HttpMethod.GET, "/api/meters", bearer(TOKEN), null).json();
        assertThat(meters.get("totals").get("admin.denied").asDouble()).as(meters.toString()).isZero();
    }

    @Test
    @DisplayName("GET /api/coap lists each observer of a CoAP resource: peer, resource, token, last Observe, CON")
    void coapObservers() throws Exception {
        startWithCredentials();
        running.gateway().router().publish(Message.builder(Topic.of("demo/temp")).payload("20").retain(true)
                .build());
        assertThat(call(HttpMethod.GET, "/api/coap", bearer(READ_TOKEN), null).json().get("observers")).isEmpty();
        CoapClient client = CoapClient.bind().block(TIMEOUT);
        ConnectableFlux<CoapResponse> observed = client.observe(URI.create("coap://127.0.0.1:" + running.coapPort()
                + "/ps/demo/temp")).replay(1);
        Disposable held = observed.connect();
        try {
            CoapResponse registered = observed.next().block(TIMEOUT);
            assertThat(registered.payloadUtf8()).isEqualTo("20");
            JsonNode coap = call(HttpMethod.GET, "/api/coap", bearer(READ_TOKEN), null).json();
            assertThat(coap.get("observers")).hasSize(1);
            JsonNode observer = coap.get("observers").get(0);
            assertThat(observer.get("peer").asText()).isEqualTo("127.0.0.1:" + client.endpoint().port());
            assertThat(observer.get("resource").asText()).isEqualTo("/ps/demo/temp");
            assertThat(observer.get("token").asText()).matches("[0-9a-f]{2,16}");
            assertThat(observer.get("observe").asLong()).isEqualTo(registered.observe());
            assertThat(observer.get("type").asText()).isEqualTo("CON");
            assertThat(observer.get("ageSeconds").asLong()).isNotNegative();
        } finally {
            held.dispose();
            client.dispose();
        }
    }

    @Test
    @DisplayName("GET /api/upnp/devices lists the devices discovery found: a second gateway on loopback, described,"
            + " its Kitchen service followed and subscribed")
    void upnpDevices() throws Exception {
        try (LoopbackUpnpDevice device = LoopbackUpnpDevice.start()) {
            Map<String, String> environment = new HashMap<>(LoopbackUpnpDevice.LOOPBACK_SSDP);
            environment.putAll(Map.of("TRIBUTARY_ADMIN_TOKEN", TOKEN, "TRIBUTARY_UPNP_DISCOVERY_RULES",
                    LoopbackUpnpDevice.FOLLOW_KITCHEN));
            start(environment);
            assertThat(call(HttpMethod.GET, "/api/upnp/devices", bearer(TOKEN), null).body()).isEqualTo("[]");
            device.announceTo(running.upnp().ssdp().port());
            StepVerifier.create(Flux.interval(Duration.ofMillis(20)).map(tick -> running.upnp().devices())
                            .filter(devices -> devices.size() == 1 && devices.get(0).services().size() == 2
                                    && devices.get(0).services().get(1).subscription()
                                    == SubscriptionState.SUBSCRIBED)
                            .next())
                    .expectNextCount(1)
                    .expectComplete()
                    .verify(TIMEOUT);
            JsonNode devices = call(HttpMethod.GET, "/api/upnp/devices", bearer(TOKEN), null).json();
            assertThat(devices).hasSize(1);
            JsonNode found = devices.get(0);
            assertThat(found.get("udn").asText()).isEqualTo(device.udn());
            assertThat(found.get("deviceType").asText()).isEqualTo(LoopbackUpnpDevice.DEVICE_TYPE);
            assertThat(found.get("friendlyName").asText()).isEqualTo("Tributary gateway");
            assertThat(found.get("location").asText()).isEqualTo(device.location());
            assertThat(found.get("followed").asBoolean()).isTrue();
            assertThat(found.get("expiresInSeconds").asLong()).isBetween(1L, 1800L);
            assertThat(found.get("services").get(0).get("serviceId").asText())
                    .isEqualTo("urn:tributary-io:serviceId:Topics");
            assertThat(found.get("services").get(0).get("subscription").asText()).isEqualTo("NONE");
            assertThat(found.get("services").get(1).get("serviceType").asText())
                    .isEqualTo(LoopbackUpnpDevice.KITCHEN);
            assertThat(found.get("services").get(1).get("subscription").asText()).isEqualTo("SUBSCRIBED");
        }
    }
}
