package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.tributary.app.config.ConfigLoader;
import io.tributary.app.config.GatewayConfig;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapConfig;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.adapter.CoapAdapter;
import io.tributary.coap.adapter.CoapAdapterConfig;
import io.tributary.coap.message.CoapCode;
import io.tributary.core.Topic;
import io.tributary.core.config.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

class CoapWiringTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the default configuration runs the CoAP adapter; a POST to /ps lands in the router")
    void defaultAdapter() throws Exception {
        Settings config = new ConfigLoader().load(null, Map.of("TRIBUTARY_HTTP_PORT", "0",
                "TRIBUTARY_HTTP_HOST", "127.0.0.1", "TRIBUTARY_COAP_PORT", "0", "TRIBUTARY_COAP_HOST", "127.0.0.1"));
        assertThat(config.get(GatewayConfig.COAP).get(CoapAdapterConfig.ENABLED)).isTrue();
        assertThat(config.get(GatewayConfig.COAP).get(CoapAdapterConfig.ENDPOINT).get(CoapConfig.PORT)).isZero();
        GatewayApplication.Running running = new GatewayApplication(config).start().block(Duration.ofSeconds(10));
        CoapClient client = CoapClient.bind().block(Duration.ofSeconds(10));
        try {
            assertThat(running.gateway().adapterStates()).containsKey("coap");
            int port = running.coapPort();
            StepVerifier.create(client.post(URI.create("coap://127.0.0.1:" + port + "/ps/demo/temp"), "21.5")
                            .map(CoapResponse::code))
                    .expectNext(CoapCode.CREATED)
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
            assertThat(running.gateway().router().retainedValue(Topic.of("demo/temp")).payloadUtf8())
                    .isEqualTo("21.5");
        } finally {
            client.dispose();
            running.stop().block(Duration.ofSeconds(10));
        }
    }

    @Test
    @DisplayName("coap settings are validated with the key named")
    void validation() throws Exception {
        ConfigLoader loader = new ConfigLoader();
        assertThatThrownBy(() -> loader.load(Files.writeString(dir.resolve("a.yaml"),
                "coap:\n  polls:\n    - name: a/b\n      uri: coap://h/x\n"), Map.of()))
                .hasMessageContaining("coap.polls[0].name");
        assertThatThrownBy(() -> loader.load(Files.writeString(dir.resolve("b.yaml"),
                "coap:\n  polls:\n    - name: a\n      uri: http://h/x\n"), Map.of()))
                .hasMessageContaining("coap.polls[0].uri");
        assertThatThrownBy(() -> loader.load(Files.writeString(dir.resolve("c.yaml"),
                "coap:\n  ack-random-factor: 0.5\n"), Map.of()))
                .hasMessageContaining("coap.ack-random-factor");
        assertThatThrownBy(() -> loader.load(Files.writeString(dir.resolve("d.yaml"),
                "coap:\n  polls:\n    - name: a\n      url: coap://h/x\n"), Map.of()))
                .hasMessageContaining("line 4").hasMessageContaining("unknown key 'coap.polls[0].url'");
        Settings polls = loader.load(Files.writeString(dir.resolve("e.yaml"),
                "coap:\n  polls:\n    - name: kitchen\n      uri: coap://192.0.2.5/temp\n"), Map.of());
        assertThat(polls.get(GatewayConfig.COAP).get(CoapAdapterConfig.POLLS)).singleElement().satisfies(poll -> {
            assertThat(poll.get(CoapAdapterConfig.POLL_INTERVAL)).isEqualTo(Duration.ofSeconds(60));
            assertThat(CoapAdapter.create(polls.get(GatewayConfig.COAP))).isNotNull();
        });
    }
}
