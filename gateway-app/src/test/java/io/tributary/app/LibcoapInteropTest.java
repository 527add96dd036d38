package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.app.config.ConfigLoader;
import io.tributary.core.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * libcoap's {@code coap-client-notls} (Debian libcoap3-bin), a CoAP stack nobody here wrote, against the running
 * gateway. Runs in the {@code coap-interop} profile, which {@code .ci/run} enables after installing the package.
 */
@Tag("libcoap")
class LibcoapInteropTest {

    private GatewayApplication.Running running;
    private String base;

    @BeforeEach
    void start() throws Exception {
        running = new GatewayApplication(new ConfigLoader().load(null, Map.of("TRIBUTARY_HTTP_PORT", "0",
                "TRIBUTARY_HTTP_HOST", "127.0.0.1", "TRIBUTARY_COAP_PORT", "0")))
                .start().block(Duration.ofSeconds(10));
        base = "coap://127.0.0.1:" + running.coapPort();
    }

    @AfterEach
    void stop() {
        running.stop().block(Duration.ofSeconds(10));
    }

    private static String coapClient(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("coap-client-notls", "-B", "10"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("coap-client-notls finished").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    @DisplayName("libcoap POSTs, PUTs (CON and NON), GETs and DELETEs through the /ps window")
    void publishReadClear() throws Exception {
        coapClient("-m", "post", "-t", "0", "-e", "21.5", base + "/ps/demo/temp");
        assertThat(running.gateway().router().retainedValue(Topic.of("demo/temp")).payloadUtf8()).isEqualTo("21.5");
        assertThat(coapClient("-m", "get", base + "/ps/demo/temp")).isEqualTo("21.5");
        coapClient("-N", "-m", "put", "-t", "50", "-e", "{\"t\":22}", base + "/ps/demo/temp");
        assertThat(running.gateway().router().retainedValue(Topic.of("demo/temp")).contentType())
                .isEqualTo("application/json");
        assertThat(coapClient("-N", "-m", "get", base + "/ps/demo/temp")).isEqualTo("{\"t\":22}");
        assertThat(coapClient("-m", "get", base + "/ps")).isEqualTo("</ps/demo/temp>;ct=50");
        coapClient("-m", "delete", base + "/ps/demo/temp");
        assertThat(running.gateway().router().retainedValue(Topic.of("demo/temp"))).isNull();
        assertThat(coapClient("-m", "get", base + "/ps/demo/temp")).contains("4.04");
    }
}
