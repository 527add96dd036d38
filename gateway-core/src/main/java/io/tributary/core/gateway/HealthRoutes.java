package io.tributary.core.gateway;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * {@code GET /health/live} (200 while the process serves HTTP) and {@code GET /health/ready} (200 when every
 * adapter is started and ready, else 503 listing those that are not), both answering small JSON documents.
 */
final class HealthRoutes implements Consumer<HttpServerRoutes> {

    private final RunningGateway gateway;

    HealthRoutes(RunningGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void accept(HttpServerRoutes routes) {
        routes.get("/health/live", (request, response) -> json(response, HttpResponseStatus.OK, "{\"status\":\"UP\"}"))
                .get("/health/ready", (request, response) -> ready(response));
    }

    private Mono<Void> ready(HttpServerResponse response) {
        Map<String, AdapterState> states = gateway.adapterStates();
        List<String> notReady = gateway.notReady();
        boolean ready = notReady.isEmpty();
        StringBuilder body = new StringBuilder("{\"status\":\"").append(ready ? "READY" : "NOT_READY")
                .append("\",\"adapters\":{");
        String separator = "";
        for (Map.Entry<String, AdapterState> entry : states.entrySet()) {
            body.append(separator).append(quote(entry.getKey())).append(":\"").append(entry.getValue()).append('"');
            separator = ",";
        }
        body.append("},\"notReady\":[");
        separator = "";
        for (String name : notReady) {
            body.append(separator).append(quote(name));
            separator = ",";
        }
        body.append("]}");
        return json(response, ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                body.toString());
    }

    private static Mono<Void> json(HttpServerResponse response, HttpResponseStatus status, String body) {
        return response.status(status).header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store").sendString(Mono.just(body)).then();
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
