package io.tributary.bench.upnp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The subscribers' side of the load runs: one loopback HTTP server answering every NOTIFY with 200 on
 * {@code /s/<index>}, counting per index and checking that each index sees its SEQ header (or the ceiling run's
 * X-Seq header) go up by exactly one per message.
 */
public final class NotifyReceiver implements AutoCloseable {

    private final DisposableServer server;
    private final AtomicLongArray lastSeq;
    private final AtomicLongArray lastBareSeq;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();

    /**
     * @param port where to listen on 127.0.0.1, 0 for any
     * @param subscribers how many callback paths to track
     */
    public NotifyReceiver(int port, int subscribers) {
        lastSeq = new AtomicLongArray(subscribers);
        lastBareSeq = new AtomicLongArray(subscribers);
        server = HttpServer.create().host("127.0.0.1").port(port)
                .handle((request, response) -> request.receive().then(Mono.defer(() -> {
                    String path = request.fullPath();
                    int index = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
                    String seqHeader = request.requestHeaders().get("SEQ");
                    AtomicLongArray last = lastSeq;
                    if (seqHeader == null) {
                        seqHeader = request.requestHeaders().get("X-Seq");
                        last = lastBareSeq;
                    }
                    long seq = Long.parseLong(seqHeader);
                    long previous = last.getAndSet(index, seq);
                    if (seq != 0 && seq != previous + 1) {
                        outOfOrder.incrementAndGet();
                    }
                    received.incrementAndGet();
                    return response.status(200).header("Content-Length", "0").send();
                })))
                .bindNow(Duration.ofSeconds(10));
    }

    /**
     * @param index a subscriber
     * @return its callback URL
     */
    public String url(int index) {
        return "http://127.0.0.1:" + server.port() + "/s/" + index;
    }

    /** @return NOTIFYs received */
    public long received() {
        return received.get();
    }

    /** @return NOTIFYs whose SEQ was not the previous one plus one */
    public long outOfOrder() {
        return outOfOrder.get();
    }

    /** Starts counting afresh; the bare client's X-Seq starts again at 1, GENA SEQs go on. */
    void reset() {
        received.set(0);
        outOfOrder.set(0);
        for (int i = 0; i < lastBareSeq.length(); i++) {
            lastBareSeq.set(i, 0);
        }
    }

    void awaitReceived(long count, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (received.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + received.get() + " of " + count + " NOTIFYs within "
                        + limit);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
