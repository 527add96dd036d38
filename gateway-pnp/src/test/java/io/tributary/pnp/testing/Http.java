package io.tributary.pnp.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

/** A blocking test client for one server. */
public final class Http {

    private final HttpClient client;

    private Http(HttpClient client) {
        this.client = client;
    }

    public static Http to(String baseUrl) {
        HttpClient client = HttpClient.create().baseUrl(baseUrl);
        if (baseUrl.startsWith("https")) {
            SslProvider.GenericSslContextSpec<?> tls = Http11SslContextSpec.forClient()
                    .configure(builder -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE));
            client = client.secure(spec -> spec.sslContext(tls));
        }
        return new Http(client);
    }

    public Reply get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    public Reply head(String path) {
        return exchange(HttpMethod.HEAD, path, null);
    }

    public Reply post(String path, String body) {
        return exchange(HttpMethod.POST, path, body.getBytes(StandardCharsets.UTF_8));
    }

    public Reply post(String path, byte[] body) {
        return exchange(HttpMethod.POST, path, body);
    }

    public Reply exchange(HttpMethod method, String path, byte[] body) {
        HttpClient.RequestSender sender = client.request(method).uri(path);
        HttpClient.ResponseReceiver<?> receiver = body == null ? sender
                : sender.send(ByteBufFlux.fromString(Mono.just(new String(body, StandardCharsets.ISO_8859_1)),
                        StandardCharsets.ISO_8859_1, ByteBufAllocator.DEFAULT));
        return receiver.responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new Reply(response.status().code(),
                                response.responseHeaders().get("content-type"),
                                new String(bytes, StandardCharsets.UTF_8))))
                .block(Duration.ofSeconds(20));
    }

    /** A received response. */
    public record Reply(int status, String contentType, String body) {
    }
}
