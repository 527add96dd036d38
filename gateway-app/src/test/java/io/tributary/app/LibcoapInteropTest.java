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
import io.tributary.core.Message;
import io.tributary.core.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

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
        return finish(start(args));
    }

    @Test
    @DisplayName("libcoap POSTs, PUTs (CON and NON), GETs and DELETEs through the /ps window, and discovers /ps")
    void publishReadClear() throws Exception {
        coapClient("-m", "post", "-t", "0", "-e", "21.5", base + "/ps/demo/temp");
        assertThat(running.gateway().router().retainedValue(Topic.of("demo/temp")).payloadUtf8()).isEqualTo("21.5");
        assertThat(coapClient("-m", "get", base + "/ps/demo/temp")).isEqualTo("21.5");
        coapClient("-N", "-m", "put", "-t", "50", "-e", "{\"t\":22}", base + "/ps/demo/temp");
        assertThat(running.gateway().router().retainedValue(Topic.of("demo/temp")).contentType())
                .isEqualTo("application/json");
        assertThat(coapClient("-N", "-m", "get", base + "/ps/demo/temp")).isEqualTo("{\"t\":22}");
        assertThat(coapClient("-m", "get", base + "/ps")).isEqualTo("</ps/demo/temp>;ct=50");
        assertThat(coapClient("-m", "get", base + "/.well-known/core?rt=core.ps"))
                .isEqualTo("</ps>;rt=\"core.ps\";ct=40");
        coapClient("-m", "delete", base + "/ps/demo/temp");
        assertThat(running.gateway().router().retainedValue(Topic.of("demo/temp"))).isNull();
        assertThat(coapClient("-m", "get", base + "/ps/demo/temp")).contains("4.04");
    }

    @Test
    @DisplayName("libcoap observes /ps/<topic> for 10 s (-s 10) and prints every value published meanwhile")
    void observe() throws Exception {
        publish("demo/obs", "v0");
        Process observer = start("-s", "10", base + "/ps/demo/obs");
        // Each value once the one before went out: values published faster are coalesced, the latest winning.
        awaitMeter("tributary.coap.observe.relations", 1);
        publish("demo/obs", "v1");
        awaitMeter("tributary.coap.observe.notifications", 1);
        publish("demo/obs", "v2");
        awaitMeter("tributary.coap.observe.notifications", 2);
        assertThat(finish(observer)).as("libcoap prints the payloads one after the other").isEqualTo("v0v1v2");
    }

    @Test
    @DisplayName("libcoap PUTs and GETs a 3,000-byte value in 64-byte blocks (-b 64)")
    void blockwise() throws Exception {
        String large = "0123456789".repeat(300);
        coapClient("-b", "64", "-m", "put", "-t", "0", "-e", large, base + "/ps/demo/large");
        assertThat(running.gateway().router().retainedValue(Topic.of("demo/large")).payloadUtf8()).isEqualTo(large);
        assertThat(coapClient("-b", "64", "-m", "get", base + "/ps/demo/large")).isEqualTo(large);
        assertThat(coapClient("-m", "get", base + "/ps/demo/large")).as("Block2 at our 1,024 bytes").isEqualTo(large);
    }

    /** Waits until the meters of that name (summed over their tags) reach a value. */
    private void awaitMeter(String name, double value) {
        StepVerifier.create(Flux.interval(Duration.ofMillis(20))
                        .filter(tick -> running.gateway().meterRegistry().find(name).meters().stream()
                                .mapToDouble(meter -> meter.measure().iterator().next().getValue()).sum() >= value)
                        .next())
                .expectNextCount(1).expectComplete().verify(Duration.ofSeconds(10));
    }

    private void publish(String topic, String value) {
        running.gateway().router().publish(Message.text(Topic.of(topic), value).toBuilder().retain(true).build());
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("coap-client-notls", "-B", "15"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String finish(Process process) throws IOException, InterruptedException {
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("coap-client-notls finished").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
