package io.tributary.bench.upnp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpMethod;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.event.PropertySetWriter;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.GenaPublisher;
import io.tributary.upnp.publisher.PublisherConfig;
import io.tributary.upnp.publisher.RunningPublisher;
import io.tributary.upnp.publisher.StateVariables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * NOTIFY fan-out to many GENA subscribers on loopback, side by side with a bare Reactor Netty {@link HttpClient}
 * posting the same bodies to the same receivers with the same pattern (one request in flight per receiver path,
 * all paths in parallel, the same connection limit): the ceiling. Every subscription's events must arrive in SEQ
 * order. Rounds alternate between the two; the first round of each is warm-up.
 *
 * <p>Arguments (all optional): subscribers (1000), events per round (20), rounds (4), connections (256),
 * receiver port (19480), publisher port (19481).
 */
public final class GenaFanOutBenchmark {

    private GenaFanOutBenchmark() {
    }

    /**
     * @param args see the class description
     */
    public static void main(String[] args) {
        int subscribers = arg(args, 0, 1000);
        int events = arg(args, 1, 20);
        int rounds = arg(args, 2, 4);
        int connections = arg(args, 3, 256);
        int receiverPort = arg(args, 4, 19480);
        int publisherPort = arg(args, 5, 19481);

        StateVariables state = StateVariables.of(Map.of("Volume", "0"));
        RunningPublisher publisher = GenaPublisher.create()
                .settings(PublisherConfig.defaults().with(PublisherConfig.MAX_SUBSCRIPTIONS, subscribers + 10)
                        .with(PublisherConfig.MAX_SUBSCRIPTIONS_PER_REQUESTER, subscribers + 10)
                        .with(PublisherConfig.QUEUE_CAPACITY, events + 1)
                        .with(PublisherConfig.MAX_CONNECTIONS_PER_SUBSCRIBER, connections))
                .service(EventedService.create("/upnp/event/bench", state))
                .start().block(Duration.ofSeconds(10));
        DisposableServer device = HttpServer.create().host("127.0.0.1").port(publisherPort)
                .route(publisher.routes()).bindNow();
        ConnectionProvider bareProvider = ConnectionProvider.builder("bare-notify").maxConnections(connections)
                .pendingAcquireMaxCount(-1).build();
        HttpClient bare = HttpClient.create(bareProvider).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .responseTimeout(Duration.ofSeconds(10));
        try (NotifyReceiver receiver = new NotifyReceiver(receiverPort, subscribers)) {
            subscribe(device.port(), receiver, subscribers);
            receiver.awaitReceived(subscribers, Duration.ofSeconds(60));
            List<String> sids = publisher.sids("/upnp/event/bench");
            System.out.printf("%d subscriptions, %d events per round, %d connections%n", sids.size(), events,
                    connections);
            List<Double> ours = new ArrayList<>();
            List<Double> ceiling = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            int value = 0;
            for (int round = 0; round < rounds; round++) {
                receiver.reset();
                long started = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    state.set("Volume", String.valueOf(++value));
                }
                receiver.awaitReceived((long) subscribers * events, Duration.ofSeconds(120));
                double gena = rate(subscribers, events, started);
                long disorder = receiver.outOfOrder();

                receiver.reset();
                byte[] body = PropertySetWriter.create().write(PropertySet.of("Volume", String.valueOf(value)));
                started = System.nanoTime();
                Flux.range(0, subscribers)
                        .flatMap(index -> Flux.range(1, events).concatMap(seq -> post(bare, receiver.url(index),
                                body, sids.get(index), seq)), subscribers)
                        .then().block(Duration.ofSeconds(120));
                receiver.awaitReceived((long) subscribers * events, Duration.ofSeconds(120));
                double top = rate(subscribers, events, started);
                System.out.printf("round %d: GENA publisher %.0f NOTIFY/s (%d out of order), bare HttpClient %.0f "
                        + "NOTIFY/s (%d out of order), ratio %.0f %%%s%n", round + 1, gena, disorder, top,
                        receiver.outOfOrder(), 100 * gena / top, round == 0 ? " (warm-up)" : "");
                if (disorder != 0) {
                    throw new IllegalStateException(disorder + " NOTIFYs out of SEQ order");
                }
                if (round > 0) {
                    ours.add(gena);
                    ceiling.add(top);
                    ratios.add(100 * gena / top);
                }
            }
            double gena = median(ours);
            double top = median(ceiling);
            System.out.printf("median: GENA publisher %.0f NOTIFY/s, bare HttpClient %.0f NOTIFY/s; median of the "
                    + "per-round ratios %.0f %% of the ceiling (goal >= 60 %%)%n", gena, top, median(ratios));
        } finally {
            publisher.stop().block(Duration.ofSeconds(10));
            device.disposeNow(Duration.ofSeconds(5));
            bareProvider.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    private static void subscribe(int port, NotifyReceiver receiver, int subscribers) {
        HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + port);
        Flux.range(0, subscribers).flatMap(index -> client
                        .headers(h -> h.set("NT", "upnp:event").set("TIMEOUT", "Second-3600")
                                .set("CALLBACK", "<" + receiver.url(index) + ">"))
                        .request(HttpMethod.valueOf("SUBSCRIBE")).uri("/upnp/event/bench")
                        .response().map(response -> {
                            if (response.status().code() != 200) {
                                throw new IllegalStateException("SUBSCRIBE answered " + response.status());
                            }
                            return index;
                        }), 64)
                .then().block(Duration.ofSeconds(120));
    }

    private static Mono<Integer> post(HttpClient client, String url, byte[] body, String sid, int seq) {
        return client.request(HttpMethod.valueOf("NOTIFY")).uri(url)
                .send((request, out) -> {
                    request.header("Content-Type", PropertySetWriter.CONTENT_TYPE).header("NT", "upnp:event")
                            .header("NTS", "upnp:propchange").header("SID", sid).header("X-Seq", String.valueOf(seq))
                            .header("Content-Length", String.valueOf(body.length));
                    return out.send(Mono.just(Unpooled.wrappedBuffer(body)));
                })
                .response().map(response -> response.status().code());
    }

    private static double rate(int subscribers, int events, long startedNanos) {
        return (double) subscribers * events / ((System.nanoTime() - startedNanos) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
