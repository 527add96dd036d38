package io.tributary.app.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
        return send(response, resource, type(resource), () -> read(resource));
    }

    /**
     * @param response the response
     * @param page a console page, e.g. {@code topics}
     * @return completes when sent; 404 when the console has no such page
     */
    Mono<Void> sendPage(HttpServerResponse response, String page) {
        if (!ConsolePages.exists(page)) {
            return notFound(response);
        }
        return send(response, "page " + page, TYPES.get("html"), () -> ConsolePages.render(page,
                resource -> new String(read(resource), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    private Mono<Void> send(HttpServerResponse response, String key, String type, Supplier<byte[]> content) {
        return Mono.fromCallable(() -> cache.computeIfAbsent(key, ignored -> content.get()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(bytes -> bytes == MISSING ? notFound(response)
                        : response.header(HttpHeaderNames.CONTENT_TYPE, type)
                        .header(HttpHeaderNames.CACHE_CONTROL, key.startsWith("META-INF/") ? "max-age=86400"
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
