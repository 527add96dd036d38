package io.tributary.bench.upnp;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;

import io.netty.handler.codec.http.HttpMethod;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.GenaPublisher;
import io.tributary.upnp.publisher.PublisherConfig;
import io.tributary.upnp.publisher.RunningPublisher;
import io.tributary.upnp.publisher.StateVariables;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * Heap held per idle GENA subscription: subscribes many times over loopback (each with its own callback path),
 * waits until every initial event is delivered, then compares the used heap after full collections with the
 * heap before the first SUBSCRIBE. Includes the registry entry, the subscription, its callback URL, the expiry
 * timer task and the per-requester count.
 *
 * <p>Arguments (all optional): subscriptions (100000), receiver port (19482), publisher port (19483).
 */
public final class GenaMemoryBenchmark {

    private GenaMemoryBenchmark() {
    }

    /**
     * @param args see the class description
     * @throws InterruptedException if interrupted while settling
     */
    public static void main(String[] args) throws InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int receiverPort = args.length > 1 ? Integer.parseInt(args[1]) : 19482;
        int publisherPort = args.length > 2 ? Integer.parseInt(args[2]) : 19483;
        StateVariables state = StateVariables.of(Map.of("Volume", "42", "Mute", "0"));
        RunningPublisher publisher = GenaPublisher.create()
                .settings(PublisherConfig.defaults().with(PublisherConfig.MAX_SUBSCRIPTIONS, count + 1000)
                        .with(PublisherConfig.MAX_SUBSCRIPTIONS_PER_REQUESTER, count + 1000))
                .service(EventedService.create("/upnp/event/bench", state))
                .start().block(Duration.ofSeconds(10));
        DisposableServer device = HttpServer.create().host("127.0.0.1").port(publisherPort)
                .route(publisher.routes()).bindNow();
        HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + device.port());
        try (NotifyReceiver receiver = new NotifyReceiver(receiverPort, 1)) {
            // Warm up every code path once so that class loading and pools do not count as per-subscription cost.
            subscribe(client, receiver, 200);
            receiver.awaitReceived(200, Duration.ofSeconds(30));
            long before = usedHeap();
            int warm = publisher.subscriptionCount();
            long started = System.nanoTime();
            subscribe(client, receiver, count);
            receiver.awaitReceived(200L + count, Duration.ofSeconds(300));
            double seconds = (System.nanoTime() - started) / 1e9;
            long after = usedHeap();
            int added = publisher.subscriptionCount() - warm;
            System.out.printf("%d subscriptions in %.1f s (%.0f SUBSCRIBE + initial NOTIFY per s)%n", added, seconds,
                    added / seconds);
            System.out.printf("heap: %.1f MiB before, %.1f MiB after: %.0f bytes per idle subscription "
                    + "(goal < 2048)%n", before / 1048576.0, after / 1048576.0, (double) (after - before) / added);
        } finally {
            publisher.stop().block(Duration.ofSeconds(30));
            device.disposeNow(Duration.ofSeconds(5));
        }
    }

    private static void subscribe(HttpClient client, NotifyReceiver receiver, int count) {
        Flux.range(0, count).flatMap(index -> client
                        .headers(h -> h.set("NT", "upnp:event").set("TIMEOUT", "Second-3600")
                                .set("CALLBACK", "<" + receiver.url(0).replace("/s/0", "/s/0?i=" + index) + ">"))
                        .request(HttpMethod.valueOf("SUBSCRIBE")).uri("/upnp/event/bench")
                        .response().map(response -> {
                            if (response.status().code() != 200) {
                                throw new IllegalStateException("SUBSCRIBE answered " + response.status());
                            }
                            return index;
                        }), 64)
                .then().block(Duration.ofSeconds(600));
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
