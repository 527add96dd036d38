package io.tributary.bench.coap;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.netty.handler.codec.http.HttpMethod;
import io.tributary.bench.soak.GatewayProcess;
import io.tributary.coap.CoapClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * CoAP latency of the shipped gateway while GENA subscribers hold it up (issue 11): the first load of
 * {@link SideBySide} (64 client sockets × 1 outstanding CON {@code GET /ps/bench}) with a steady stream of PUTs to
 * {@code /ps/events} that the topics service events to N subscribers whose callbacks answer each NOTIFY after 1 s,
 * against the same run without subscribers. Each measurement starts the jar afresh (embedded default configuration,
 * only the ports changed); rounds alternate the two; it prints req/s and p99 of each and the median ratio of the
 * p99s (goal ≤ 1.2). The subscribers come from 127.0.0.2 onwards, 50 per address (under the default per-requester
 * cap of 64), each address its own callback host (so the default 64 NOTIFY connections per subscriber address apply
 * per group); inside a private network namespace when allowed, as {@link SideBySide}.
 *
 * <p>{@code java -cp benchmarks.jar io.tributary.bench.coap.SlowSubscribers [subscribers=1000] [seconds=10]
 * [rounds=3] [puts=20] [jar=gateway-app/target/tributary.jar] [loopback]}
 */
public final class SlowSubscribers {

    private static final int COAP_PORT = 25693;
    private static final int HTTP_PORT = 25790;
    private static final int RECEIVER_PORT = 25791;
    private static final int PER_ADDRESS = 50;
    static final Duration ANSWER_DELAY = Duration.ofSeconds(1);

    private SlowSubscribers() {
    }

    /**
     * @param args {@code key=value} options (subscribers, seconds, rounds, puts per second, jar) and {@code loopback}
     * @throws Exception if the gateway fails to start or a subscription is refused
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = SideBySide.options(args);
        if (SideBySide.mayEnterNamespace(options)) {
            System.exit(SideBySide.inNamespace(SlowSubscribers.class, args));
        }
        int subscribers = Integer.parseInt(options.getOrDefault("subscribers", "1000"));
        long seconds = Long.parseLong(options.getOrDefault("seconds", "10"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int puts = Integer.parseInt(options.getOrDefault("puts", "20"));
        Path jar = Path.of(options.getOrDefault("jar", "gateway-app/target/tributary.jar"));
        Hooks.onErrorDropped(error -> { });
        System.out.printf("CoAP p99 with %d GENA subscribers answering after %d s, %d PUT/s to /ps/events; 64 sockets"
                        + " x 1 outstanding GET /ps/bench, %d s measured, %d rounds, %s%n", subscribers,
                ANSWER_DELAY.toSeconds(), puts, seconds, rounds, SideBySide.where());
        // The callbacks of every group of subscribers, on every address, in a process of their own, so that
        // answering 1,000 NOTIFY connections does not share a JVM with the CoAP load generator.
        ServerProcess receiver = ServerProcess.start("slow-receiver", RECEIVER_PORT, List.of());
        HttpClient counter = HttpClient.create().baseUrl("http://127.0.0.1:" + RECEIVER_PORT);
        LongSupplier notifies = () -> Long.parseLong(counter.get().uri("/count").responseContent().aggregate()
                .asString().block(Duration.ofSeconds(10)));
        CoapClient client = CoapClient.bind().block(Duration.ofSeconds(10));
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try {
            for (int round = 0; round < rounds; round++) {
                double[] p99 = new double[2];
                for (int i = 0; i < 2; i++) {
                    // Alternate which case comes first, so neither always follows the other.
                    boolean slow = (i + round) % 2 == 1;
                    long before = notifies.getAsLong();
                    CoapLoad.Result result = measure(jar, client, slow ? subscribers : 0, puts, seconds);
                    p99[slow ? 1 : 0] = result.p99Micros();
                    (slow ? with : without).add(result.p99Micros());
                    System.out.printf("round %d, %4d subscribers: %s, NOTIFYs answered %,d  (load %.2f)%n", round + 1,
                            slow ? subscribers : 0, result, notifies.getAsLong() - before, SideBySide.loadAverage());
                }
                ratios.add(p99[1] / p99[0]);
            }
        } finally {
            client.dispose();
            receiver.close();
        }
        double ratio = SideBySide.median(ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray());
        System.out.printf("%nmedian p99 without %,.0f µs, with %,.0f µs; median ratio %.2f (rounds %s; goal <= 1.20: %s)%n",
                SideBySide.median(without.stream().mapToDouble(Double::doubleValue).sorted().toArray()),
                SideBySide.median(with.stream().mapToDouble(Double::doubleValue).sorted().toArray()), ratio, ratios,
                ratio <= 1.2 ? "met" : "not met");
    }

    private static CoapLoad.Result measure(Path jar, CoapClient client, int subscribers, int puts, long seconds)
            throws Exception {
        Path log = Files.createTempDirectory("slow-subscribers").resolve("gateway.log");
        try (GatewayProcess gateway = GatewayProcess.start(jar, List.of(), List.of(),
                Map.of("TRIBUTARY_COAP_PORT", String.valueOf(COAP_PORT), "TRIBUTARY_HTTP_PORT",
                        String.valueOf(HTTP_PORT)), log)) {
            client.put(URI.create("coap://127.0.0.1:" + COAP_PORT + "/ps/bench"), BenchServers.VALUE)
                    .block(Duration.ofSeconds(10));
            client.put(URI.create("coap://127.0.0.1:" + COAP_PORT + "/ps/events"), "0").block(Duration.ofSeconds(10));
            subscribe(subscribers);
            URI events = URI.create("coap://127.0.0.1:" + COAP_PORT + "/ps/events");
            AtomicLong value = new AtomicLong();
            Disposable publishing = Flux.interval(Duration.ofMillis(1000 / puts))
                    .concatMap(tick -> client.put(events, String.valueOf(value.incrementAndGet())), 1)
                    .subscribe(response -> { }, failure -> { });
            try {
                return new CoapLoad(new InetSocketAddress("127.0.0.1", COAP_PORT), 64, 1, "/ps/bench")
                        .run(3000, seconds * 1000, 1);
            } finally {
                publishing.dispose();
            }
        }
    }

    /** Subscribes to the topics service, {@value #PER_ADDRESS} subscribers per source and callback address. */
    private static void subscribe(int subscribers) {
        List<Mono<Integer>> all = new ArrayList<>();
        for (int index = 0; index < subscribers; index++) {
            int address = index / PER_ADDRESS;
            // A connection of its own per SUBSCRIBE, from the subscriber's address.
            HttpClient http = HttpClient.newConnection().baseUrl("http://127.0.0.1:" + HTTP_PORT)
                    .bindAddress(() -> new InetSocketAddress("127.0.0." + (2 + address), 0));
            String callback = "http://127.0.0." + (2 + address) + ":" + RECEIVER_PORT + "/s/" + index;
            all.add(http.headers(h -> h.set("NT", "upnp:event").set("TIMEOUT", "Second-1800")
                            .set("CALLBACK", "<" + callback + ">"))
                    .request(HttpMethod.valueOf("SUBSCRIBE")).uri("/upnp/event/topics")
                    .response().map(response -> {
                        if (response.status().code() != 200) {
                            throw new IllegalStateException("SUBSCRIBE answered " + response.status());
                        }
                        return 1;
                    }));
        }
        Flux.merge(Flux.fromIterable(all), 64).then().block(Duration.ofSeconds(120));
    }
}
