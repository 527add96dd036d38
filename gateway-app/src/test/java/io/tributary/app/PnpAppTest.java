package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.tributary.app.config.ConfigLoader;
import io.tributary.core.Topic;
import io.tributary.core.config.Settings;
import io.tributary.pnp.message.DeviceId;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.message.WorkRequest;
import io.tributary.pnp.sim.AgentEvent;
import io.tributary.pnp.sim.SimulatedAgent;
import io.tributary.pnp.xml.PnpWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

/** The gateway application creates the PnP adapter from its pnp section, serves PnP, publishes it and meters it. */
class PnpAppTest {

    @TempDir
    Path dir;

    private GatewayApplication.Running running;
    private String base;

    private void start(Path file, Map<String, String> environment) throws Exception {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(Map.of("TRIBUTARY_HTTP_PORT", "0", "TRIBUTARY_HTTP_HOST", "127.0.0.1",
                "TRIBUTARY_PNP_DATA_DIR", dir.resolve("pnp").toString(), "TRIBUTARY_COAP_PORT", "0",
                "TRIBUTARY_COAP_HOST", "127.0.0.1"));
        Settings config = new ConfigLoader().load(file, all);
        running = new GatewayApplication(config).start().block(Duration.ofSeconds(20));
        base = "http://127.0.0.1:" + running.gateway().httpAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (running != null) {
            StepVerifier.create(running.stop()).verifyComplete();
        }
    }

    private Reply get(String path) {
        return exchange(HttpClient.create().get().uri(base + path));
    }

    private Reply post(String path, byte[] body) {
        return exchange(HttpClient.create().post().uri(base + path)
                .send(ByteBufFlux.fromInbound(Mono.just(body))));
    }

    private static Reply exchange(HttpClient.ResponseReceiver<?> receiver) {
        return receiver.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("").map(text -> new Reply(response.status().code(), text)))
                .block(Duration.ofSeconds(10));
    }

    private static byte[] workRequest(Udi udi, boolean authRequired) {
        return PnpWriter.create().write(PnpMessage.of(udi.toString(), "CiscoPnP-1.0-1-1",
                new WorkRequest(new DeviceId(udi.toString(), "Router", authRequired, false, null))));
    }

    @Test
    @DisplayName("an unknown device contacting the default gateway is inventoried, published, listed and metered")
    void defaultGateway() throws Exception {
        start(null, Map.of());
        StepVerifier.create(SimulatedAgent.create(base, new Udi("ISR4331/K9", "V01", "FDO21120XYZ")).run()
                        .map(AgentEvent::kind).take(4))
                .expectNext(AgentEvent.Kind.HELLO, AgentEvent.Kind.ANSWERED, AgentEvent.Kind.ANSWERED,
                        AgentEvent.Kind.WAITING)
                .expectComplete()
                .verify(Duration.ofSeconds(20));
        assertThat(running.gateway().router().retainedValue(Topic.of("pnp/FDO21120XYZ/device-info")).payloadUtf8())
                .contains("ISR4331/K9");
        assertThat(get("/pnp/devices/FDO21120XYZ").body()).contains("\"state\":\"BACKED_OFF\"");
        assertThat(get("/health/ready").body()).contains("\"pnp\":\"STARTED\"");
        assertThat(get("/metrics").body())
                .contains("tributary_pnp_requests_total{endpoint=\"work-request\",outcome=\"ok\"} 2.0")
                .contains("tributary_pnp_devices{state=\"backed_off\"} 1.0")
                .contains("tributary_pnp_step_results_total{service=\"device-info\",success=\"true\"} 1.0");
        assertThat(dir.resolve("pnp/devices.mv.db")).exists();
    }

    @Test
    @DisplayName("TRIBUTARY_PNP_ENABLED=false leaves PnP out: no adapter, no /pnp/ routes")
    void disabled() throws Exception {
        start(null, Map.of("TRIBUTARY_PNP_ENABLED", "false"));
        assertThat(running.gateway().adapterStates()).doesNotContainKey("pnp").containsKey("coap");
        assertThat(get("/pnp/HELLO").status()).isEqualTo(404);
        assertThat(dir.resolve("pnp")).doesNotExist();
    }

    @Test
    @DisplayName("the pnp section of a file and the environment reach the endpoints and the provisioner: body cap,"
            + " device login, rules")
    void configured() throws Exception {
        Path file = Files.writeString(dir.resolve("tributary.yaml"), """
                pnp:
                  max-body: 2KiB
                  credentials: {username: admin, over-http: true}
                  rules:
                    - name: edge
                      serials: [FTX1503AH3V]
                      steps: [{service: cli-exec, command: show running-config}]
                      finish: terminate
                """);
        start(file, Map.of("TRIBUTARY_PNP_CREDENTIALS_PASSWORD", "hunter2"));
        Reply work = post("/pnp/WORK-REQUEST", workRequest(new Udi("CISCO2921/K9", "V05", "FTX1503AH3V"), true));
        assertThat(work.status()).isEqualTo(200);
        assertThat(work.body()).contains("usr=\"admin\" pwd=\"hunter2\"")
                .contains("<request xmlns=\"urn:cisco:pnp:cli-exec\" correlator=\"CiscoPnP-1.0-1-1\">")
                .contains("<cmd>show running-config</cmd>");
        assertThat(post("/pnp/WORK-REQUEST", new byte[3 * 1024]).status()).isEqualTo(413);
    }

    private record Reply(int status, String body) {
    }
}
