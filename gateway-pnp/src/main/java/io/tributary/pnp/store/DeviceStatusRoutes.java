package io.tributary.pnp.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * {@code GET /pnp/devices} (a JSON array of every device record, ordered by serial) and
 * {@code GET /pnp/devices/{serial}} (the record and its latest step results, 404 when unknown). Results are read
 * on the store's thread and the device list is encoded on {@link Schedulers#boundedElastic()}, not on the event
 * loop.
 */
public final class DeviceStatusRoutes implements Consumer<HttpServerRoutes> {

    private final DeviceStore store;
    private final ObjectMapper json = DeviceStore.mapper();

    /** @param store the device store to report */
    public DeviceStatusRoutes(DeviceStore store) {
        this.store = store;
    }

    @Override
    public void accept(HttpServerRoutes routes) {
        routes.get("/pnp/devices", (request, response) -> send(response, HttpResponseStatus.OK,
                        store.all().collectList().publishOn(Schedulers.boundedElastic()).map(this::encode)))
                .get("/pnp/devices/{serial}", (request, response) -> {
                    String serial = request.param("serial");
                    return store.status(serial == null ? "" : serial).map(this::encode)
                            .flatMap(body -> send(response, HttpResponseStatus.OK, Mono.just(body)))
                            .switchIfEmpty(Mono.defer(() -> send(response, HttpResponseStatus.NOT_FOUND,
                                    Mono.just("{\"error\":\"unknown device\"}"
                                            .getBytes(StandardCharsets.UTF_8)))));
                });
    }

    private byte[] encode(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mono<Void> send(HttpServerResponse response, HttpResponseStatus status, Mono<byte[]> body) {
        return response.status(status).header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store").sendByteArray(body).then();
    }
}
