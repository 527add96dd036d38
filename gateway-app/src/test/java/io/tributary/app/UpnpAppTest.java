package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpMethod;
import io.tributary.app.config.ConfigException;
import io.tributary.app.config.ConfigLoader;
import io.tributary.app.config.GatewayConfig;
import io.tributary.core.config.Settings;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.message.CoapCode;
import io.tributary.upnp.UpnpAdapter;
import io.tributary.upnp.UpnpConfig;
import io.tributary.upnp.bridge.TopicVariable;
import io.tributary.upnp.discovery.DiscoveryConfig;
import io.tributary.upnp.publisher.CallbackScope;
import io.tributary.upnp.publisher.PublisherConfig;
import io.tributary.upnp.ssdp.SsdpConfig;
import io.tributary.upnp.subscriber.SubscriberConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

class UpnpAppTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("tributary.yaml");
        Files.writeString(file, text);
        return file;
    }

    private Map<String, String> loopback(String... more) {
        Map<String, String> environment = new HashMap<>(Map.of("TRIBUTARY_HTTP_PORT", "0",
                "TRIBUTARY_HTTP_HOST", "127.0.0.1", "TRIBUTARY_COAP_PORT", "0", "TRIBUTARY_COAP_HOST", "127.0.0.1",
                "TRIBUTARY_GATEWAY_DATA_DIR", dir.resolve("data").toString()));
        for (int i = 0; i < more.length; i += 2) {
            environment.put(more[i], more[i + 1]);
        }
        return environment;
    }

    @Test
    @DisplayName("by default the UPnP adapter gets the topics service on /upnp/event/topics, UDA timeouts and subnet callbacks")
    void defaults() throws ConfigException {
        Settings upnp = loader.defaultConfig().get(GatewayConfig.UPNP);
        assertThat(upnp.get(UpnpConfig.ENABLED)).isTrue();
        Settings adapter = UpnpAdapter.create(upnp).settings();
        assertThat(adapter.get(UpnpConfig.TOPICS_SERVICE, UpnpConfig.TOPICS_ENABLED)).isTrue();
        assertThat(adapter.get(UpnpConfig.TOPICS_SERVICE, UpnpConfig.TOPICS_PATH_SETTING))
                .isEqualTo("/upnp/event/topics");
        assertThat(adapter.get(UpnpConfig.PUBLISHER, PublisherConfig.TIMEOUT_DEFAULT))
                .isEqualTo(Duration.ofSeconds(1800));
        assertThat(adapter.get(UpnpConfig.PUBLISHER, PublisherConfig.CALLBACK_SCOPE)).isEqualTo(CallbackScope.SUBNET);
        assertThat(adapter.get(UpnpConfig.PUBLISHER, PublisherConfig.MAX_CALLBACK_URLS)).isEqualTo(6);
        assertThat(adapter.get(UpnpConfig.SUBSCRIBER, SubscriberConfig.CALLBACK_ADDRESS)).isNull();
        assertThat(adapter.get(UpnpConfig.SOURCES)).isEmpty();
    }

    @Test
    @DisplayName("services, sources, networks and every subscriber setting reach the adapter from YAML")
    void fromYaml() throws Exception {
        Settings config = loader.load(yaml("upnp:\n"
                + "  publisher:\n    callback-scope: requester\n    allowed-networks: [172.17.0.0/16]\n"
                + "  services:\n    - path: /upnp/event/kitchen\n      variables:\n"
                + "        - {topic: coap/kitchen/temp, name: Temperature, maximum-rate: 10s, minimum-delta: 0.5}\n"
                + "  subscriber:\n    callback-address: http://192.168.1.10:18080\n    buffer-capacity: 8\n"
                + "    renewal-jitter: 0.2\n    min-backoff: 2s\n    max-backoff: 1m\n"
                + "  sources:\n    - {name: tv, url: 'http://192.168.1.20:49152/evt'}\n"
                + "  ssdp:\n    interfaces: [eth1]\n    response-rate-per-source: 5\n"
                + "  discovery:\n    rules:\n      - device-types: [urn:schemas-upnp-org:device:MediaRenderer:1]\n"),
                Map.of());
        Settings adapter = UpnpAdapter.create(config.get(GatewayConfig.UPNP)).settings();
        Settings publisher = adapter.get(UpnpConfig.PUBLISHER);
        assertThat(publisher.get(PublisherConfig.CALLBACK_SCOPE)).isEqualTo(CallbackScope.REQUESTER);
        assertThat(publisher.get(PublisherConfig.ALLOWED_NETWORKS)).hasToString("[172.17.0.0/16]");
        assertThat(adapter.get(UpnpConfig.SERVICES)).singleElement().satisfies(service -> {
            assertThat(service.get(UpnpConfig.SERVICE_PATH)).isEqualTo("/upnp/event/kitchen");
            TopicVariable variable = UpnpConfig.variable(service.get(UpnpConfig.SERVICE_VARIABLES).get(0));
            assertThat(variable.name()).isEqualTo("Temperature");
            assertThat(variable.moderation().maximumRate()).isEqualTo(Duration.ofSeconds(10));
            assertThat(variable.moderation().minimumDelta()).isEqualTo(0.5);
        });
        Settings subscriber = adapter.get(UpnpConfig.SUBSCRIBER);
        assertThat(subscriber.get(SubscriberConfig.CALLBACK_ADDRESS)).hasToString("http://192.168.1.10:18080");
        assertThat(subscriber.get(SubscriberConfig.BUFFER_CAPACITY)).isEqualTo(8);
        assertThat(subscriber.get(SubscriberConfig.RENEWAL_JITTER)).isEqualTo(0.2);
        assertThat(subscriber.get(SubscriberConfig.MIN_BACKOFF)).isEqualTo(Duration.ofSeconds(2));
        assertThat(subscriber.get(SubscriberConfig.MAX_BACKOFF)).isEqualTo(Duration.ofMinutes(1));
        assertThat(adapter.get(UpnpConfig.SOURCES)).singleElement()
                .satisfies(source -> assertThat(UpnpConfig.source(source).name()).isEqualTo("tv"));
        assertThat(adapter.get(UpnpConfig.SSDP, SsdpConfig.INTERFACES)).containsExactly("eth1");
        assertThat(adapter.get(UpnpConfig.SSDP, SsdpConfig.RESPONSE_RATE_PER_SOURCE)).isEqualTo(5);
        assertThat(adapter.get(UpnpConfig.DISCOVERY, DiscoveryConfig.RULES)).singleElement().satisfies(rule ->
                assertThat(rule.get(DiscoveryConfig.RULE_DEVICE_TYPES))
                        .containsExactly("urn:schemas-upnp-org:device:MediaRenderer:1"));
    }

    @Test
    @DisplayName("TRIBUTARY_UPNP_ENABLED=false leaves the UPnP adapter out of the running gateway")
    void disabled() throws Exception {
        Settings config = loader.load(null, loopback("TRIBUTARY_UPNP_ENABLED", "false"));
        GatewayApplication.Running running = new GatewayApplication(config).start().block(Duration.ofSeconds(10));
        try {
            assertThat(running.gateway().adapterStates()).containsKey("coap").doesNotContainKey("upnp");
        } finally {
            running.stop().block(Duration.ofSeconds(20));
        }
    }

    @Test
    @DisplayName("bad UPnP values are refused at load time naming the key")
    void refused() throws Exception {
        assertThatThrownBy(() -> loader.load(yaml("upnp:\n  publisher:\n    allowed-networks: [lan]\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("upnp.publisher.allowed-networks[0]");
        assertThatThrownBy(() -> loader.load(yaml("upnp:\n  services:\n    - path: /upnp/event/x\n      variables:\n"
                + "        - {topic: a/b, name: '9lives'}\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("upnp.services[0].variables[0].name");
        assertThatThrownBy(() -> loader.load(yaml("upnp:\n  sources:\n    - {name: a/b, url: 'http://1.2.3.4/'}\n"),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("upnp.sources[0]");
        assertThatThrownBy(() -> loader.load(yaml("upnp:\n  publisher:\n    timeout-default: 10s\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("upnp.publisher.timeout-default");
        assertThatThrownBy(() -> loader.load(yaml("upnp:\n  publisher:\n    callback-scope: anywhere\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("upnp.publisher.callback-scope");
        assertThatThrownBy(() -> loader.load(yaml("upnp:\n  subscriber:\n    callback-address: ftp://x/\n"),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("upnp.subscriber.callback-address");
        assertThatThrownBy(() -> loader.load(yaml("upnp:\n  device:\n    udn: uuid:tv\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("upnp.device.udn");
        assertThatThrownBy(() -> loader.load(yaml("upnp:\n  discovery:\n    rules:\n      - device-types: [tv]\n"),
                Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("upnp.discovery.rules[0].device-types[0]");
    }

    @Test
    @DisplayName("UDA §1.1.4: the device's UDN is made once, kept in <gateway.data-dir>/upnp/udn and served again"
            + " after a restart; upnp.device settings reach the description")
    void stableUdn() throws Exception {
        Settings config = loader.load(yaml("upnp:\n  device:\n    friendly-name: Hall gateway\n"
                + "    presentation-url: /ui\n  ssdp:\n    enabled: false\n"), loopback());
        String first = description(config);
        String udn = Files.readString(dir.resolve("data").resolve("upnp").resolve("udn")).trim();
        assertThat(udn).matches("uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(first).contains("<UDN>" + udn + "</UDN>").contains("<friendlyName>Hall gateway</friendlyName>")
                .contains("<presentationURL>/ui</presentationURL>");
        assertThat(description(config)).as("after a restart").contains("<UDN>" + udn + "</UDN>");
    }

    private static String description(Settings config) {
        GatewayApplication.Running running = new GatewayApplication(config).start().block(Duration.ofSeconds(10));
        try {
            return HttpClient.create().get().uri("http://127.0.0.1:" + running.gateway().httpAddress().getPort()
                    + "/upnp/description.xml").responseContent().aggregate().asString().block(Duration.ofSeconds(10));
        } finally {
            running.stop().block(Duration.ofSeconds(20));
        }
    }

    @Test
    @DisplayName("a CoAP POST to /ps/demo/temp with 21.5 reaches a subscriber of /upnp/event/topics as <demo.temp>21.5</demo.temp>")
    void endToEnd() throws Exception {
        BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        DisposableServer receiver = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8)
                        .doOnNext(bodies::add).then(response.status(200).send()))
                .bindNow();
        Settings config = loader.load(null, loopback());
        GatewayApplication.Running running = new GatewayApplication(config).start().block(Duration.ofSeconds(10));
        CoapClient coap = CoapClient.bind().block(Duration.ofSeconds(10));
        try {
            assertThat(running.gateway().adapterStates()).containsKey("upnp");
            String base = "http://127.0.0.1:" + running.gateway().httpAddress().getPort();
            int status = HttpClient.create().baseUrl(base)
                    .headers(h -> h.set("NT", "upnp:event").set("TIMEOUT", "Second-1800")
                            .set("CALLBACK", "<http://127.0.0.1:" + receiver.port() + "/cb>"))
                    .request(HttpMethod.valueOf("SUBSCRIBE")).uri("/upnp/event/topics")
                    .response().map(response -> response.status().code()).block(Duration.ofSeconds(10));
            assertThat(status).isEqualTo(200);
            assertThat(bodies.poll(10, TimeUnit.SECONDS)).contains("<e:propertyset");
            StepVerifier.create(coap.post(URI.create("coap://127.0.0.1:" + running.coapPort() + "/ps/demo/temp"),
                            "21.5").map(CoapResponse::code))
                    .expectNext(CoapCode.CREATED)
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
            assertThat(bodies.poll(10, TimeUnit.SECONDS)).contains("<demo.temp>21.5</demo.temp>");
            String metrics = HttpClient.create().baseUrl(base).get().uri("/metrics").responseContent().aggregate()
                    .asString().block(Duration.ofSeconds(10));
            assertThat(metrics).contains("tributary_upnp_subscriptions 1.0")
                    .contains("tributary_upnp_notify_total{outcome=\"sent\"} 2.0")
                    .contains("tributary_upnp_rejected_total{reason=\"callback-out-of-scope\"} 0.0");
        } finally {
            coap.dispose();
            running.stop().block(Duration.ofSeconds(20));
            receiver.disposeNow(Duration.ofSeconds(5));
        }
    }
}
