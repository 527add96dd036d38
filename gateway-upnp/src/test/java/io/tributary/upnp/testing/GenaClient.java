package io.tributary.upnp.testing;

import java.time.Duration;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Sends raw HTTP requests (GENA, SOAP) with exactly the headers a test gives, and returns status, headers, body. */
public final class GenaClient {

    private final HttpClient client;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8080} */
    public GenaClient(String baseUrl) {
        this.client = HttpClient.create().baseUrl(baseUrl);
    }

    /**
     * @param method e.g. {@code SUBSCRIBE}
     * @param path the request path
     * @param headers headers to set (a {@code Host} entry replaces the default one)
     * @return the answer
     */
    public Answer send(String method, String path, Map<String, String> headers) {
        return send(method, path, headers, new byte[0]);
    }

    /**
     * @param method e.g. {@code NOTIFY}
     * @param path the request path
     * @param headers headers to set
     * @param body the body, sent with a Content-Length
     * @return the answer
     */
    public Answer send(String method, String path, Map<String, String> headers, byte[] body) {
        return client.headers(h -> headers.forEach(h::set))
                .request(HttpMethod.valueOf(method)).uri(path)
                .send((request, out) -> {
                    request.header("Content-Length", String.valueOf(body.length));
                    return out.sendByteArray(Mono.just(body));
                })
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> new Answer(response.status().code(), response.responseHeaders().copy(), text)))
                .block(Duration.ofSeconds(10));
    }

    /**
     * @param path the event path
     * @param callback the CALLBACK header value
     * @return the answer to a well-formed SUBSCRIBE
     */
    public Answer subscribe(String path, String callback) {
        return send("SUBSCRIBE", path, Map.of("NT", "upnp:event", "CALLBACK", callback, "TIMEOUT", "Second-1800"));
    }

    /**
     * One answer.
     *
     * @param status the status code
     * @param headers the headers
     * @param body the body as UTF-8 text, empty when there is none
     */
    public record Answer(int status, HttpHeaders headers, String body) {
        /** @return the SID header */
        public String sid() {
            return headers.get("SID");
        }
    }
}
