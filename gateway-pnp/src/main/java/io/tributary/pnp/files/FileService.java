package io.tributary.pnp.files;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.pnp.message.FileSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Configs and images for agents under {@code /pnp/files/}: files from one directory as they are
 * ({@code /pnp/files/file/<name>}), configurations rendered per device from a template in that directory
 * ({@code /pnp/files/config/<serial>/<name>}), and, when one-shot URLs are on, everything under a random
 * {@code /pnp/files/once/<token>} that serves once, only to the address of the device it was offered to, until
 * it expires. MD5 checksums are computed here for the requests. File reads and checksums run on
 * {@link Schedulers#boundedElastic()}, never on an event loop. Names are single path segments of letters, digits,
 * {@code .}, {@code _}, {@code -}, not starting with {@code .}.
 */
public final class FileService implements Consumer<HttpServerRoutes> {

    private static final Logger LOG = LoggerFactory.getLogger(FileService.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final boolean oneShot;
    private final Duration oneShotTtl;
    private final int maxOffers;
    private final MeterRegistry registry;
    private final LongSupplier clockMillis;
    private final Map<String, byte[]> rendered;
    private final Map<String, Offer> offers = new ConcurrentHashMap<>();
    private final Map<String, Cached> checksums = new ConcurrentHashMap<>();

    /**
     * @param root the directory files and templates are read from (need not exist until a file is offered)
     * @param oneShot whether offered URLs are one-shot and bound to the device's address
     * @param oneShotTtl how long an unused one-shot URL stays valid
     * @param maxOffers most one-shot URLs open at once, and most rendered configurations kept for download
     * @param registry where {@code tributary.pnp.files{kind,outcome}} is counted
     * @param clockMillis the clock for expiry, in epoch milliseconds
     */
    public FileService(Path root, boolean oneShot, Duration oneShotTtl, int maxOffers, MeterRegistry registry,
                       LongSupplier clockMillis) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.oneShot = oneShot;
        this.oneShotTtl = Objects.requireNonNull(oneShotTtl, "oneShotTtl");
        this.maxOffers = maxOffers;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        // rendered configs are kept for the devices that fetch them, the least recently offered dropped first
        this.rendered = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > maxOffers;
            }
        });
    }

    /** @return the directory files are read from */
    public Path root() {
        return root;
    }

    /**
     * Renders a configuration template for one device and offers it.
     *
     * @param template the template's file name
     * @param variables the device's variables
     * @param serial the device's serial
     * @param baseUrl e.g. {@code http://10.0.0.1:8080}
     * @param device the device's address, for one-shot URLs
     * @return the URL and MD5 of the rendered configuration
     */
    public Mono<FileSource> offerConfig(String template, Map<String, String> variables, String serial,
                                        String baseUrl, InetAddress device) {
        return Mono.fromCallable(() -> {
            requireBase(baseUrl);
            String text = Files.readString(resolve(template), StandardCharsets.UTF_8);
            byte[] content;
            try {
                content = Templates.render(text, variables).getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("template '" + template + "': " + e.getMessage(), e);
            }
            String md5 = Checksums.md5(content);
            if (oneShot) {
                return new FileSource(baseUrl + "/pnp/files/once/" + offer(new Offer("config", template, content,
                        null, device)), md5);
            }
            rendered.put(serial + '/' + template, content);
            return new FileSource(baseUrl + "/pnp/files/config/" + serial + '/' + template, md5);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Offers a file as it is (an image, a certificate, any file), with its MD5 (cached until the file changes).
     *
     * @param name the file's name
     * @param baseUrl e.g. {@code http://10.0.0.1:8080}
     * @param device the device's address, for one-shot URLs
     * @return the URL and MD5
     */
    public Mono<FileSource> offerFile(String name, String baseUrl, InetAddress device) {
        return Mono.fromCallable(() -> {
            requireBase(baseUrl);
            Path file = resolve(name);
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            Cached cached = checksums.get(name);
            if (cached == null || cached.size != size || cached.modified != modified) {
                cached = new Cached(size, modified, Checksums.md5(file));
                checksums.put(name, cached);
            }
            String url = oneShot ? baseUrl + "/pnp/files/once/" + offer(new Offer("file", name, null, file, device))
                    : baseUrl + "/pnp/files/file/" + name;
            return new FileSource(url, cached.md5);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static void requireBase(String baseUrl) {
        if (baseUrl == null) {
            throw new IllegalStateException("no file URL can be built: the request had no Host header and no"
                    + " advertised URL is configured");
        }
    }

    private String offer(Offer offer) {
        if (offers.size() >= maxOffers) {
            long now = clockMillis.getAsLong();
            offers.values().removeIf(open -> open.expiresAt <= now);
            if (offers.size() >= maxOffers) {
                throw new IllegalStateException(maxOffers + " one-shot URLs are open; no more can be offered");
            }
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        offers.put(token, offer.expiring(clockMillis.getAsLong() + oneShotTtl.toMillis()));
        return token;
    }

    private Path resolve(String name) throws IOException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("file name '" + name + "' is not a plain file name");
        }
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file in " + root);
        }
        return file;
    }

    @Override
    public void accept(HttpServerRoutes routes) {
        routes.get("/pnp/files/file/{name}", this::serveFile)
                .get("/pnp/files/config/{serial}/{name}", this::serveConfig)
                .get("/pnp/files/once/{token}", this::serveOnce);
    }

    private Mono<Void> serveFile(HttpServerRequest request, HttpServerResponse response) {
        if (oneShot) {
            return count(response, "file", "not-found", HttpResponseStatus.NOT_FOUND);
        }
        return Mono.fromCallable(() -> resolve(request.param("name"))).subscribeOn(Schedulers.boundedElastic())
                .flatMap(file -> {
                    count("file", "ok");
                    return response.header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                            .sendFile(file).then();
                })
                .onErrorResume(failure -> count(response, "file", "not-found", HttpResponseStatus.NOT_FOUND));
    }

    private Mono<Void> serveConfig(HttpServerRequest request, HttpServerResponse response) {
        byte[] content = oneShot ? null : rendered.get(request.param("serial") + '/' + request.param("name"));
        if (content == null) {
            return count(response, "config", "not-found", HttpResponseStatus.NOT_FOUND);
        }
        count("config", "ok");
        return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .sendByteArray(Mono.just(content)).then();
    }

    private Mono<Void> serveOnce(HttpServerRequest request, HttpServerResponse response) {
        String token = request.param("token");
        Offer offer = token == null ? null : offers.get(token);
        if (offer == null || offer.expiresAt <= clockMillis.getAsLong()) {
            if (offer != null) {
                offers.remove(token, offer);
            }
            return count(response, "once", "not-found", HttpResponseStatus.NOT_FOUND);
        }
        InetSocketAddress peer = request.remoteAddress();
        if (offer.device != null && (peer == null || !offer.device.equals(peer.getAddress()))) {
            Counter.builder("tributary.pnp.rejected").tag("reason", "file-peer").register(registry).increment();
            LOG.warn("one-shot URL for '{}' requested by {}, but it was offered to {}", offer.name, peer,
                    offer.device);
            return count(response, "once", "forbidden", HttpResponseStatus.FORBIDDEN);
        }
        if (!offers.remove(token, offer)) {
            return count(response, "once", "not-found", HttpResponseStatus.NOT_FOUND);
        }
        count("once", "ok");
        if (offer.content != null) {
            return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .sendByteArray(Mono.just(offer.content)).then();
        }
        return response.header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream").sendFile(offer.file)
                .then();
    }

    private void count(String kind, String outcome) {
        Counter.builder("tributary.pnp.files").tag("kind", kind).tag("outcome", outcome)
                .description("PnP file downloads by kind and outcome").register(registry).increment();
    }

    private Mono<Void> count(HttpServerResponse response, String kind, String outcome, HttpResponseStatus status) {
        count(kind, outcome);
        if ("not-found".equals(outcome)) {
            LOG.info("PnP {} download refused: no such file, or a one-shot URL used, expired or unknown", kind);
        }
        return response.status(status).send();
    }

    private record Offer(String kind, String name, byte[] content, Path file, InetAddress device, long expiresAt) {
        Offer(String kind, String name, byte[] content, Path file, InetAddress device) {
            this(kind, name, content, file, device, 0);
        }

        Offer expiring(long at) {
            return new Offer(kind, name, content, file, device, at);
        }
    }

    private record Cached(long size, long modified, String md5) {
    }
}
