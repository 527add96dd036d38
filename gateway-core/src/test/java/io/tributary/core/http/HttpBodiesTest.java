package io.tributary.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

class HttpBodiesTest {

    private DisposableServer server;
    private HttpClient client;

    @BeforeEach
    void start() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> HttpBodies.read(request, 16)
                        .flatMap(body -> response.sendString(Mono.just("ok " + body.length)).then())
                        .onErrorResume(HttpBodies.BodyTooLargeException.class,
                                e -> response.status(413).sendString(Mono.just(e.getMessage())).then()))
                .bindNow();
        client = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    private String post(Flux<String> chunks, boolean chunked) {
        HttpClient sender = chunked ? client.headers(h -> h.set("Transfer-Encoding", "chunked")) : client;
        return sender.post().uri("/")
                .send(ByteBufFlux.fromString(chunks))
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> response.status().code() + " " + text))
                .block(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("bodies up to the cap are read whole; empty bodies are empty arrays")
    void withinCap() {
        assertThat(post(Flux.just("0123456789abcdef"), false)).isEqualTo("200 ok 16");
        assertThat(post(Flux.just("01234567", "89abcdef"), true)).isEqualTo("200 ok 16");
        assertThat(post(Flux.empty(), false)).isEqualTo("200 ok 0");
    }

    @Test
    @DisplayName("a declared Content-Length over the cap is refused before reading; chunked bodies while streaming")
    void overCap() {
        assertThat(post(Flux.just("0123456789abcdefX"), false)).startsWith("413 ").contains("17 bytes");
        assertThat(post(Flux.just("0123456789", "abcdefX"), true)).startsWith("413 ");
    }
}
