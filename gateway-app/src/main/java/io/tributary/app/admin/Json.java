package io.tributary.app.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** JSON answers of the admin API: records and maps encoded by Jackson, never cached by the browser. */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Mono<Void> send(HttpServerResponse response, HttpResponseStatus status, Object value) {
        return response.status(status).header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .sendByteArray(Mono.fromCallable(() -> encode(value))).then();
    }

    static Mono<Void> ok(HttpServerResponse response, Object value) {
        return send(response, HttpResponseStatus.OK, value);
    }

    static Mono<Void> error(HttpServerResponse response, HttpResponseStatus status, String message) {
        return send(response, status, Map.of("error", message));
    }
}
