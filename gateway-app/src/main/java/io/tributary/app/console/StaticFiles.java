package io.tributary.app.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The console's files from the jar: its pages, script and style under {@code console/}, and the webjars (htmx,
 * its SSE extension, uPlot) under {@code META-INF/resources/webjars/}. Read once, off the event loop, then kept.
 */
final class StaticFiles {

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "png", "image/png",
            "svg", "image/svg+xml", "json", "application/json");
    private static final byte[] MISSING = new byte[0];

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /**
     * @param response the response
     * @param resource the class-path resource, e.g. {@code console/topics.html}
     * @return completes when sent; 404 when there is no such file or the name tries to climb out
     */
    Mono<Void> send(HttpServerResponse response, String resource) {
        if (resource.contains("..") || resource.contains("//") || resource.startsWith("/")) {
            return notFound(response);
        }
        return Mono.fromCallable(() -> cache.computeIfAbsent(resource, StaticFiles::read))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(bytes -> bytes == MISSING ? notFound(response)
                        : response.header(HttpHeaderNames.CONTENT_TYPE, type(resource))
                        .header(HttpHeaderNames.CACHE_CONTROL, resource.startsWith("META-INF/") ? "max-age=86400"
                                : "no-cache")
                        .header("X-Content-Type-Options", "nosniff")
                        .sendByteArray(Mono.just(bytes)).then());
    }

    private static Mono<Void> notFound(HttpServerResponse response) {
        return response.status(HttpResponseStatus.NOT_FOUND).send();
    }

    private static String type(String resource) {
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static byte[] read(String resource) {
        try (InputStream file = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return file == null ? MISSING : file.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
