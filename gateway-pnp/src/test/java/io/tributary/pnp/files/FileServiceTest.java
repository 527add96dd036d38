package io.tributary.pnp.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.pnp.message.FileSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

class FileServiceTest {

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private DisposableServer server;
    private InetAddress loopback;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(root.resolve("base.cfg"), "hostname ${hostname}\nbanner $$ ${serial} $x\n");
        Files.writeString(root.resolve("image.bin"), "IMAGE");
        Files.writeString(root.getParent().resolve("secret.txt"), "secret");
        loopback = InetAddress.getByName("127.0.0.1");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(10));
        }
    }

    private FileService service(boolean oneShot) {
        FileService files = new FileService(root, oneShot, Duration.ofMinutes(10), 100, registry, clock::get);
        server = HttpServer.create().host("127.0.0.1").port(0).route(files).bindNow();
        return files;
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static int status(String url, String fromAddress) {
        return HttpClient.create().bindAddress(() -> new InetSocketAddress(fromAddress, 0)).get().uri(url)
                .responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
                .block(Duration.ofSeconds(10));
    }

    private static String body(String url) {
        return HttpClient.create().get().uri(url).responseContent().aggregate().asString(StandardCharsets.UTF_8)
                .block(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("a config is rendered per device and served under its serial, with the MD5 of the rendered text")
    void renderedConfig() {
        FileService files = service(false);
        FileSource source = files.offerConfig("base.cfg", Map.of("hostname", "edge-1", "serial", "S1"), "S1",
                base(), loopback).block();
        assertThat(source.location()).isEqualTo(base() + "/pnp/files/config/S1/base.cfg");
        // printf 'hostname edge-1\nbanner $ S1 $x\n' | md5sum
        assertThat(source.checksum()).isEqualTo("1516d19ae3f4eca3ac8c86b8e9ee442b");
        assertThat(body(source.location())).isEqualTo("hostname edge-1\nbanner $ S1 $x\n");
    }

    @Test
    @DisplayName("files are served as they are with their MD5, and nothing outside the directory is reachable")
    void plainFiles() {
        FileService files = service(false);
        FileSource image = files.offerFile("image.bin", base(), loopback).block();
        // printf 'IMAGE' | md5sum
        assertThat(image).isEqualTo(new FileSource(base() + "/pnp/files/file/image.bin",
                "23a12f67f614b5518c7f1c2465bf95e3"));
        assertThat(body(image.location())).isEqualTo("IMAGE");
        assertThat(status(base() + "/pnp/files/file/..%2Fsecret.txt", "127.0.0.1")).isEqualTo(404);
        assertThat(status(base() + "/pnp/files/file/missing.bin", "127.0.0.1")).isEqualTo(404);
        StepVerifier.create(files.offerFile("../secret.txt", base(), loopback))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("not a plain file name"))
                .verify();
        StepVerifier.create(files.offerFile("nothere.bin", base(), loopback))
                .expectError(NoSuchFileException.class)
                .verify();
    }

    @Test
    @DisplayName("a one-shot URL serves once, only to the device it was offered to, and not after it expires")
    void oneShot() {
        FileService files = service(true);
        FileSource config = files.offerConfig("base.cfg", Map.of("hostname", "h", "serial", "S2"), "S2", base(),
                loopback).block();
        assertThat(config.location()).contains("/pnp/files/once/");
        assertThat(status(config.location(), "127.0.0.2")).isEqualTo(403);
        assertThat(status(config.location(), "127.0.0.1")).isEqualTo(200);
        assertThat(status(config.location(), "127.0.0.1")).isEqualTo(404);
        FileSource image = files.offerFile("image.bin", base(), loopback).block();
        clock.addAndGet(Duration.ofMinutes(11).toMillis());
        assertThat(status(image.location(), "127.0.0.1")).isEqualTo(404);
        assertThat(status(base() + "/pnp/files/file/image.bin", "127.0.0.1")).as("plain URLs are off").isEqualTo(404);
        assertThat(registry.find("tributary.pnp.rejected").tag("reason", "file-peer").counter().count())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("templates: unknown variables are errors, $$ is a dollar, other $ are kept")
    void templates() {
        assertThat(Templates.render("a ${x} $$ $y ${ x }", Map.of("x", "1"))).isEqualTo("a 1 $ $y 1");
        assertThatThrownBy(() -> Templates.render("${nope}", Map.of())).hasMessageContaining("${nope}");
        assertThatThrownBy(() -> Templates.render("${open", Map.of())).hasMessageContaining("unterminated");
    }
}
