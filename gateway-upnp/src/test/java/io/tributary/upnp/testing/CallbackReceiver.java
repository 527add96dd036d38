package io.tributary.upnp.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpHeaders;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.event.PropertySetReader;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A minimal GENA subscriber for publisher tests: records every NOTIFY it receives per callback path, answers with a
 * status chosen per path, and can hold answers on a path until released (a slow subscriber).
 */
public final class CallbackReceiver implements AutoCloseable {

    private final DisposableServer server;
    private final Map<String, BlockingQueue<Notify>> received = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, Sinks.Empty<Void>> gates = new ConcurrentHashMap<>();

    private CallbackReceiver(String host) {
        server = HttpServer.create().host(host).port(0)
                .handle((request, response) -> request.receive().aggregate().asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            String path = request.fullPath();
                            queue(path).add(new Notify(path, request.method().name(), request.requestHeaders().copy(),
                                    body));
                            Sinks.Empty<Void> gate = gates.get(path);
                            Mono<Void> wait = gate == null ? Mono.empty() : gate.asMono();
                            return wait.then(response.status(statuses.getOrDefault(path, 200))
                                    .header("Content-Length", "0").send());
                        }))
                .bindNow(Duration.ofSeconds(10));
    }

    /** @return a receiver on 127.0.0.1 */
    public static CallbackReceiver start() {
        return new CallbackReceiver("127.0.0.1");
    }

    /**
     * @param host the address to bind
     * @return a receiver on that address
     */
    public static CallbackReceiver start(String host) {
        return new CallbackReceiver(host);
    }

    /**
     * @param path a callback path, e.g. {@code /cb/a}
     * @return the callback URL on this receiver
     */
    public String url(String path) {
        return "http://" + server.host() + ":" + server.port() + path;
    }

    /** @return the bound port */
    public int port() {
        return server.port();
    }

    /**
     * @param path a callback path
     * @param status the status to answer there from now on
     */
    public void answer(String path, int status) {
        statuses.put(path, status);
    }

    /** @param path a callback path whose answers wait from now on until {@link #release(String)} */
    public void hold(String path) {
        gates.put(path, Sinks.empty());
    }

    /** @param path a held path: answers every waiting and future NOTIFY there */
    public void release(String path) {
        Sinks.Empty<Void> gate = gates.remove(path);
        if (gate != null) {
            gate.tryEmitEmpty();
        }
    }

    /**
     * @param path a callback path
     * @return the next NOTIFY received there, waiting up to 10 s
     * @throws InterruptedException if interrupted
     */
    public Notify next(String path) throws InterruptedException {
        Notify notify = queue(path).poll(10, TimeUnit.SECONDS);
        if (notify == null) {
            throw new AssertionError("no NOTIFY on " + path + " within 10 s");
        }
        return notify;
    }

    /**
     * @param path a callback path
     * @return NOTIFYs received and not yet taken
     */
    public int waiting(String path) {
        return queue(path).size();
    }

    private BlockingQueue<Notify> queue(String path) {
        return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() {
        gates.keySet().forEach(this::release);
        server.disposeNow(Duration.ofSeconds(5));
    }

    /**
     * One received request.
     *
     * @param path the request path
     * @param method the method
     * @param headers the headers
     * @param body the body
     */
    public record Notify(String path, String method, HttpHeaders headers, byte[] body) {
        /** @return the SEQ header as a number */
        public long seq() {
            return Long.parseLong(headers.get("SEQ"));
        }

        /** @return the SID header */
        public String sid() {
            return headers.get("SID");
        }

        /** @return the body as a property set */
        public PropertySet properties() {
            return PropertySetReader.create().read(body);
        }

        /** @return the body as text */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
