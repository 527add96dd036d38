package io.tributary.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.tributary.core.Overflow;
import io.tributary.core.RouterConfig;
import io.tributary.core.config.ConfigProblem;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;
import io.tributary.core.gateway.HttpListenerConfig;
import io.tributary.coap.CoapConfig;
import io.tributary.coap.adapter.CoapAdapterConfig;
import io.tributary.coap.stack.StackConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("tributary.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    @DisplayName("the embedded defaults need no file: HTTP on 0.0.0.0:8080, text logs, drop-oldest queues")
    void defaults() throws ConfigException {
        Settings config = loader.defaultConfig();
        assertThat(config.get(GatewayConfig.HTTP, HttpListenerConfig.HOST)).isEqualTo("0.0.0.0");
        assertThat(config.get(GatewayConfig.HTTP, HttpListenerConfig.PORT)).isEqualTo(8080);
        assertThat(config.get(GatewayConfig.LOGGING, GatewayConfig.LOG_FORMAT)).isEqualTo(GatewayConfig.LogFormat.TEXT);
        assertThat(config.get(GatewayConfig.ROUTER, RouterConfig.OVERFLOW)).isEqualTo(Overflow.DROP_OLDEST);
        assertThat(config.get(GatewayConfig.ROUTER, RouterConfig.REQUEST_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.get(GatewayConfig.SHUTDOWN, GatewayConfig.SHUTDOWN_TIMEOUT)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    @DisplayName("a user file changes only the keys it names")
    void partialOverride() throws Exception {
        Settings config = loader.load(yaml("http:\n  port: 9090\nrouter:\n  overflow: drop-newest\n"
                + "  request-timeout: 250ms\n"), Map.of());
        assertThat(config.get(GatewayConfig.HTTP, HttpListenerConfig.PORT)).isEqualTo(9090);
        assertThat(config.get(GatewayConfig.HTTP, HttpListenerConfig.HOST)).isEqualTo("0.0.0.0");
        assertThat(config.get(GatewayConfig.ROUTER, RouterConfig.OVERFLOW)).isEqualTo(Overflow.DROP_NEWEST);
        assertThat(config.get(GatewayConfig.ROUTER, RouterConfig.REQUEST_TIMEOUT)).isEqualTo(Duration.ofMillis(250));
        assertThat(config.get(GatewayConfig.ROUTER, RouterConfig.QUEUE_CAPACITY)).isEqualTo(1024);
    }

    @Test
    @DisplayName("an unknown key is refused with file, line, the full key and the known keys")
    void unknownKey() throws Exception {
        Path file = yaml("# comment\nhttp:\n  host: 127.0.0.1\n  prot: 9090\n");
        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 4")
                .hasMessageContaining("unknown key 'http.prot'")
                .hasMessageContaining("known keys: body-timeout, header-timeout, host, idle-timeout");
    }

    @Test
    @DisplayName("an unknown section is refused")
    void unknownSection() throws Exception {
        assertThatThrownBy(() -> loader.load(yaml("htp:\n  port: 1\n"), Map.of()))
                .hasMessageContaining("line 1").hasMessageContaining("unknown key 'htp'");
    }

    @Test
    @DisplayName("a wrong type is refused with line and key")
    void wrongType() throws Exception {
        assertThatThrownBy(() -> loader.load(yaml("http:\n  port: eighty\n"), Map.of()))
                .hasMessageContaining("line 2").hasMessageContaining("key 'http.port'")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> loader.load(yaml("router:\n  overflow: sometimes\n"), Map.of()))
                .hasMessageContaining("line 2").hasMessageContaining("key 'router.overflow'")
                .hasMessageContaining("drop-oldest, drop-newest, error");
        assertThatThrownBy(() -> loader.load(yaml("shutdown:\n  timeout: soon\n"), Map.of()))
                .hasMessageContaining("line 2").hasMessageContaining("key 'shutdown.timeout'")
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> loader.load(yaml("http: 8080\n"), Map.of()))
                .hasMessageContaining("line 1").hasMessageContaining("key 'http'");
    }

    @Test
    @DisplayName("duplicate keys, broken YAML and non-mapping documents are refused")
    void malformed() throws Exception {
        assertThatThrownBy(() -> loader.load(yaml("http:\n  port: 1\n  port: 2\n"), Map.of()))
                .hasMessageContaining("line 3").hasMessageContaining("port");
        assertThatThrownBy(() -> loader.load(yaml("http:\n  port: [1\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line");
        assertThatThrownBy(() -> loader.load(yaml("- a\n- b\n"), Map.of()))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml"), Map.of()))
                .hasMessageContaining("no such file");
    }

    @Test
    @DisplayName("an empty file means the defaults")
    void emptyFile() throws Exception {
        assertThat(loader.load(yaml("# nothing\n"), Map.of()).get(GatewayConfig.HTTP, HttpListenerConfig.PORT))
                .isEqualTo(8080);
    }

    @Test
    @DisplayName("values outside their range are refused naming the key")
    void ranges() throws Exception {
        assertThatThrownBy(() -> loader.load(yaml("http:\n  port: 70000\n"), Map.of()))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> loader.load(yaml("router:\n  queue-capacity: 0\n"), Map.of()))
                .hasMessageContaining("router.queue-capacity");
    }

    @Test
    @DisplayName("TRIBUTARY_* variables override file and defaults: segments upper-cased, '-' and '.' as '_'")
    void environment() throws Exception {
        Settings config = loader.load(yaml("http:\n  port: 9090\n"), Map.of(
                "TRIBUTARY_HTTP_PORT", "9191",
                "TRIBUTARY_ROUTER_QUEUE_CAPACITY", "64",
                "TRIBUTARY_LOGGING_FORMAT", "json",
                "PATH", "/usr/bin"));
        assertThat(config.get(GatewayConfig.HTTP, HttpListenerConfig.PORT)).isEqualTo(9191);
        assertThat(config.get(GatewayConfig.ROUTER, RouterConfig.QUEUE_CAPACITY)).isEqualTo(64);
        assertThat(config.get(GatewayConfig.LOGGING, GatewayConfig.LOG_FORMAT)).isEqualTo(GatewayConfig.LogFormat.JSON);
    }

    @Test
    @DisplayName("a TRIBUTARY_* variable naming no key, or holding a wrong value, is refused naming it")
    void environmentErrors() {
        assertThatThrownBy(() -> loader.load(null, Map.of("TRIBUTARY_HTTP_PROT", "1")))
                .hasMessageContaining("TRIBUTARY_HTTP_PROT").hasMessageContaining("names no configuration key");
        assertThatThrownBy(() -> loader.load(null, Map.of("TRIBUTARY_HTTP_PORT", "x")))
                .hasMessageContaining("environment").hasMessageContaining("key 'http.port'");
    }

    @Test
    @DisplayName("durations and sizes accept units")
    void units() {
        assertThat(ValueTypes.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ValueTypes.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ValueTypes.parseDuration("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThat(ValueTypes.parseSize("64KiB")).isEqualTo(65536);
        assertThat(ValueTypes.parseSize("1MiB")).isEqualTo(1 << 20);
        assertThat(ValueTypes.parseSize("100")).isEqualTo(100);
        assertThatThrownBy(() -> ValueTypes.parseSize("lots")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("every problem in a file is reported at once, each with file, line and key")
    void everyProblem() throws Exception {
        Path file = yaml("http:\n  port: eighty\n  prot: 1\nrouter:\n  overflow: sometimes\n  queue-capacity: 0\n"
                + "coap:\n  polls:\n    - {name: kitchen}\nupnp:\n  publisher:\n    timeout-default: 10s\n");
        assertThatThrownBy(() -> loader.load(file, Map.of("TRIBUTARY_HTTP_HOTS", "x")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::toString)
                        .containsExactly(
                                file + " line 2: key 'http.port': 'eighty' is not a whole number",
                                file + " line 3: unknown key 'http.prot' (known keys: body-timeout, header-timeout, host,"
                                        + " idle-timeout, max-connections, max-connections-per-address, max-header-size,"
                                        + " max-headers, max-request-line, port)",
                                file + " line 5: key 'router.overflow': 'sometimes' is not a valid choice"
                                        + " (one of drop-oldest, drop-newest, error)",
                                file + " line 6: key 'router.queue-capacity': must be at least 1, was 0",
                                "environment variable TRIBUTARY_HTTP_HOTS names no configuration key (rule:"
                                        + " TRIBUTARY_ + key path, upper-case, '.' and '-' as '_', e.g."
                                        + " TRIBUTARY_HTTP_PORT)",
                                file + " line 9: key 'coap.polls[0].uri': required",
                                file + " line 12: key 'upnp.publisher.timeout-default': must lie between"
                                        + " timeout-min and timeout-max, was 10s"));
    }

    @Test
    @DisplayName("list items and nested keys can be set from the environment; lists as YAML flow")
    void environmentStructures() throws Exception {
        Path file = yaml("coap:\n  polls:\n    - {name: kitchen, uri: 'coap://192.0.2.5/t'}\n");
        Settings config = loader.load(file, Map.of("TRIBUTARY_COAP_POLLS_0_INTERVAL", "5m",
                "TRIBUTARY_COAP_MULTICAST_GROUPS", "[224.0.1.187]", "TRIBUTARY_COAP_ACK_TIMEOUT", "3s"));
        Settings coap = config.get(GatewayConfig.COAP);
        assertThat(coap.get(CoapAdapterConfig.POLLS).get(0)
                .get(CoapAdapterConfig.POLL_INTERVAL)).isEqualTo(Duration.ofMinutes(5));
        Settings endpoint = coap.get(CoapAdapterConfig.ENDPOINT);
        assertThat(endpoint.get(CoapConfig.MULTICAST, CoapConfig.MULTICAST_GROUPS))
                .containsExactly("224.0.1.187");
        assertThat(endpoint.get(CoapConfig.PROTOCOL, StackConfig.ACK_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> loader.load(file, Map.of("TRIBUTARY_COAP_POLLS_3_INTERVAL", "5m")))
                .hasMessageContaining("TRIBUTARY_COAP_POLLS_3_INTERVAL names no configuration key");
    }

    @Test
    @DisplayName("the generated default document reads back to exactly the defaults")
    void defaultsDocument() throws Exception {
        Settings read = loader.load(yaml(DefaultsDocument.render(GatewayConfig.ROOT)), Map.of());
        assertThat(read).isEqualTo(GatewayConfig.ROOT.defaults());
        assertThat(DefaultsDocument.render(GatewayConfig.ROOT))
                .contains("  # ACK_TIMEOUT (RFC 7252 §4.8): the first retransmission timeout before randomisation.\n"
                        + "  ack-timeout: 2s\n")
                .contains("  unknown-devices:\n    # The steps, in order.\n    steps:\n"
                        + "      - {service: device-info, type: all}\n");
    }
}
