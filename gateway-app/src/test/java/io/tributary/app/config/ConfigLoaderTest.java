package io.tributary.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.tributary.core.Overflow;
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
        GatewayConfig config = loader.defaultConfig();
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.logging().format()).isEqualTo(GatewayConfig.LogFormat.TEXT);
        assertThat(config.router().overflow()).isEqualTo(Overflow.DROP_OLDEST);
        assertThat(config.router().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.shutdown().timeout()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    @DisplayName("a user file changes only the keys it names")
    void partialOverride() throws Exception {
        GatewayConfig config = loader.load(yaml("http:\n  port: 9090\nrouter:\n  overflow: drop-newest\n"
                + "  request-timeout: 250ms\n"), Map.of());
        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.router().overflow()).isEqualTo(Overflow.DROP_NEWEST);
        assertThat(config.router().requestTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.router().queueCapacity()).isEqualTo(1024);
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
                .hasMessageContaining("known keys: host, port");
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
        assertThat(loader.load(yaml("# nothing\n"), Map.of()).http().port()).isEqualTo(8080);
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
        GatewayConfig config = loader.load(yaml("http:\n  port: 9090\n"), Map.of(
                "TRIBUTARY_HTTP_PORT", "9191",
                "TRIBUTARY_ROUTER_QUEUE_CAPACITY", "64",
                "TRIBUTARY_LOGGING_FORMAT", "json",
                "PATH", "/usr/bin"));
        assertThat(config.http().port()).isEqualTo(9191);
        assertThat(config.router().queueCapacity()).isEqualTo(64);
        assertThat(config.logging().format()).isEqualTo(GatewayConfig.LogFormat.JSON);
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
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThat(DataSizes.parse("64KiB")).isEqualTo(65536);
        assertThat(DataSizes.parse("1MiB")).isEqualTo(1 << 20);
        assertThat(DataSizes.parse("100")).isEqualTo(100);
        assertThatThrownBy(() -> DataSizes.parse("lots")).isInstanceOf(IllegalArgumentException.class);
    }
}
