package io.tributary.upnp.testing;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A scripted GENA publisher for subscriber tests: records SUBSCRIBE and UNSUBSCRIBE requests, answers new
 * subscriptions with {@code uuid:fake-N}, and can hold its answers or answer with another status.
 */
public final class FakePublisher implements AutoCloseable {

    private final DisposableServer server;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile int status = 200;
    private final AtomicInteger once = new AtomicInteger();
    private volatile Sinks.Empty<Void> gate;

    /** Starts on 127.0.0.1 on a free port. */
    public FakePublisher() {
        server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
            HttpHeaders headers = request.requestHeaders().copy();
            String method = request.method().name();
            String sid = method.equals("SUBSCRIBE") && headers.get("SID") == null
                    ? "uuid:fake-" + counter.incrementAndGet() : headers.get("SID");
            requests.add(new Request(method, headers, sid));
            Sinks.Empty<Void> wait = gate;
            Mono<Void> hold = wait == null ? Mono.empty() : wait.asMono();
            return hold.then(Mono.defer(() -> {
                int oneShot = once.getAndSet(0);
                int answer = oneShot != 0 ? oneShot : status;
                if (answer != 200) {
                    return response.status(answer).header("Content-Length", "0").send();
                }
                return response.status(200).header("SID", sid).header("TIMEOUT", "Second-1800")
                        .header("Content-Length", "0").send();
            }));
        }).bindNow(Duration.ofSeconds(10));
    }

    /** @return the event subscription URL */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port() + "/event");
    }

    /** @param code the status for every following answer */
    public void answer(int code) {
        status = code;
    }

    /** @param code the status for the next answer only */
    public void answerNext(int code) {
        once.set(code);
    }

    /** Holds every answer from now on until {@link #release()}. */
    public void hold() {
        gate = Sinks.empty();
    }

    /** Sends the held answers and stops holding. */
    public void release() {
        Sinks.Empty<Void> held = gate;
        gate = null;
        if (held != null) {
            held.tryEmitEmpty();
        }
    }

    /**
     * @return the next request received, waiting up to 10 s
     * @throws InterruptedException if interrupted
     */
    public Request next() throws InterruptedException {
        Request request = requests.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request at the fake publisher within 10 s");
        }
        return request;
    }

    @Override
    public void close() {
        release();
        server.disposeNow(Duration.ofSeconds(5));
    }

    /**
     * One request.
     *
     * @param method the method
     * @param headers the headers
     * @param sid the SID it was answered with, or the SID it carried
     */
    public record Request(String method, HttpHeaders headers, String sid) {
        /** @return the callback path from the CALLBACK header, e.g. {@code /upnp/callback/abc} */
        public String callbackPath() {
            String callback = headers.get("CALLBACK");
            URI uri = URI.create(callback.substring(1, callback.length() - 1));
            return uri.getPath();
        }
    }
}
