package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tributary.app.config.ConfigLoader;
import io.tributary.core.config.Settings;
import io.tributary.core.Topic;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.sim.AgentEvent;
import io.tributary.pnp.sim.SimulatedAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.http.client.HttpClient;

/** The gateway application with its default configuration serves PnP, publishes to the router and meters it. */
class PnpAppTest {

    @TempDir
    Path dir;

    private GatewayApplication.Running running;
    private String base;

    @BeforeEach
    void start() throws Exception {
        Settings config = new ConfigLoader().load(null, Map.of("TRIBUTARY_HTTP_PORT", "0",
                "TRIBUTARY_HTTP_HOST", "127.0.0.1", "TRIBUTARY_PNP_DATA_DIR", dir.resolve("pnp").toString(),
                "TRIBUTARY_COAP_PORT", "0", "TRIBUTARY_COAP_HOST", "127.0.0.1"));
        running = new GatewayApplication(config).start().block(Duration.ofSeconds(20));
        base = "http://127.0.0.1:" + running.gateway().httpAddress().getPort();
    }

    @AfterEach
    void stop() {
        running.stop().block(Duration.ofSeconds(20));
    }

    private String get(String path) {
        return HttpClient.create().get().uri(base + path).responseContent().aggregate().asString()
                .defaultIfEmpty("").block(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("an unknown device contacting the default gateway is inventoried, published, listed and metered")
    void defaultGateway() {
        List<AgentEvent> events = SimulatedAgent.create(base, new Udi("ISR4331/K9", "V01", "FDO21120XYZ"))
                .run().take(4).collectList().block(Duration.ofSeconds(20));
        assertThat(events).extracting(AgentEvent::kind).containsExactly(AgentEvent.Kind.HELLO,
                AgentEvent.Kind.ANSWERED, AgentEvent.Kind.ANSWERED, AgentEvent.Kind.WAITING);
        assertThat(running.gateway().router().retainedValue(Topic.of("pnp/FDO21120XYZ/device-info")).payloadUtf8())
                .contains("ISR4331/K9");
        assertThat(get("/pnp/devices/FDO21120XYZ")).contains("\"state\":\"BACKED_OFF\"");
        assertThat(get("/health/ready")).contains("\"pnp\":\"STARTED\"");
        assertThat(get("/metrics"))
                .contains("tributary_pnp_requests_total{endpoint=\"work-request\",outcome=\"ok\"} 2.0")
                .contains("tributary_pnp_devices{state=\"backed_off\"} 1.0")
                .contains("tributary_pnp_step_results_total{service=\"device-info\",success=\"true\"} 1.0");
        assertThat(dir.resolve("pnp/devices.mv.db")).exists();
    }
}
