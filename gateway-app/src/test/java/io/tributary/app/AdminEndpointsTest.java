package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.tributary.app.config.ConfigLoader;
import io.tributary.core.config.Settings;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

class AdminEndpointsTest {

    private GatewayApplication.Running running;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        Settings config = new ConfigLoader().load(null,
                Map.of("TRIBUTARY_HTTP_PORT", "0", "TRIBUTARY_HTTP_HOST", "127.0.0.1",
                        "TRIBUTARY_COAP_PORT", "0", "TRIBUTARY_COAP_HOST", "127.0.0.1"));
        running = new GatewayApplication(config).start().block(Duration.ofSeconds(10));
        client = HttpClient.create().baseUrl("http://127.0.0.1:" + running.gateway().httpAddress().getPort());
    }

    @AfterEach
    void stop() {
        running.stop().block(Duration.ofSeconds(10));
    }

    private String[] get(String path) {
        return client.get().uri(path).responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new String[] {String.valueOf(response.status().code()),
                                response.responseHeaders().get("content-type"), text}))
                .block(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("/health/live and /health/ready answer 200 JSON when every adapter is started")
    void health() {
        String[] live = get("/health/live");
        assertThat(live[0]).isEqualTo("200");
        assertThat(live[1]).startsWith("application/json");
        String[] ready = get("/health/ready");
        assertThat(ready[0]).isEqualTo("200");
        assertThat(ready[2]).contains("\"status\":\"READY\"");
    }

    @Test
    @DisplayName("/metrics is Prometheus text with JVM, Reactor Netty and router meters")
    void metrics() {
        running.gateway().router().publish(Message.text(Topic.of("demo/x"), "1"));
        get("/health/live");
        String[] metrics = get("/metrics");
        assertThat(metrics[0]).isEqualTo("200");
        assertThat(metrics[1]).startsWith("text/plain").contains("version=0.0.4");
        assertThat(metrics[2])
                .contains("jvm_memory_used_bytes")
                .contains("process_uptime_seconds")
                .contains("tributary_router_published_total 1.0")
                .contains("tributary_router_dropped_total 0.0")
                .contains("reactor_netty_http_server_data_received_time_seconds_count{method=\"GET\",uri=\"/health/live\"}");
    }

    @Test
    @DisplayName("URI tags of HTTP meters keep at most two path segments")
    void uriTags() {
        assertThat(AdminMetrics.uriTag("/pnp/devices/FOC123?x=1")).isEqualTo("/pnp/devices");
        assertThat(AdminMetrics.uriTag("/metrics")).isEqualTo("/metrics");
        assertThat(AdminMetrics.uriTag("/")).isEqualTo("/");
    }
}
