package io.tributary.bench.nats;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.nats.NatsAdapter;
import io.tributary.nats.NatsConfig;
import io.tributary.nats.testing.NatsServer;
import org.HdrHistogram.Histogram;
import reactor.core.Disposable;

/**
 * Cross-gateway throughput and latency, side by side with the ceiling, in one run against one local nats-server:
 * (a) gateway A's router → A's NATS adapter → nats-server → B's NATS adapter → B's router → B's subscriber;
 * (b) a bare jnats publisher → nats-server → a bare jnats dispatcher subscriber. Both in this JVM, so the send time
 * travels in the payload (16 bytes: send nanoTime and sequence) and latency is receive minus send.
 *
 * <p>Two load shapes, each bounded in count and time: <b>window</b> (send as fast as possible with at most
 * {@code window} messages in flight: throughput) and <b>paced</b> (a fixed rate: latency at a load both sustain).
 * Rounds alternate between (a) and (b); the first round of each is warm-up. Usage:
 * {@code java -cp benchmarks.jar io.tributary.bench.nats.NatsSideBySide [messages=200000] [window=5000]
 * [rate=20000] [rounds=4]}; needs {@code nats-server} on the PATH.
 */
public final class NatsSideBySide {

    private static final Duration ROUND_LIMIT = Duration.ofSeconds(60);
    private static final int TOPICS = 100;

    private NatsSideBySide() {
    }

    /** What one round measured. */
    record Result(String target, String shape, long sent, long received, double seconds, Histogram latency) {
        double rate() {
            return received / seconds;
        }

        @Override
        public String toString() {
            return String.format("%-8s %-7s %,9d sent %,9d received in %5.2f s: %,9.0f msg/s, p50 %6.0f µs,"
                            + " p99 %7.0f µs", target, shape, sent, received, seconds, rate(),
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0);
        }
    }

    /** One way to send and receive: the gateway pair, or bare jnats. */
    interface Target extends AutoCloseable {
        /** @param sequence the message's number in its round */
        void send(int sequence);

        /** @return what counts and times the messages received */
        Receiver receiver();
    }

    /**
     * @param args see the class description
     * @throws Exception if a server or a gateway fails
     */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        Path dir = Files.createTempDirectory("nats-bench");
        NatsServer server = NatsServer.define("bench", dir, false, "").start();
        System.out.printf("NATS side by side: %,d messages of 16 bytes on %d topics per round, window %,d, paced"
                + " %,d/s, %d rounds (first is warm-up), %d cores, %s%n", messages, TOPICS, window, rate, rounds,
                Runtime.getRuntime().availableProcessors(), server.url());
        List<Result> results = new ArrayList<>();
        try (GatewayPair gateways = new GatewayPair(server.url()); BareNats bare = new BareNats(server.url())) {
            for (int round = 1; round <= rounds; round++) {
                for (Target target : List.of(bare, gateways)) {
                    String name = target == bare ? "jnats" : "gateway";
                    for (String shape : List.of("window", "paced")) {
                        Result result = run(name, shape, target, messages, window, rate);
                        System.out.println("round " + round + " " + result);
                        if (round > 1) {
                            results.add(result);
                        }
                    }
                }
            }
            System.out.println("gateway A dropped " + gateways.droppedAtA() + ", gateway B dropped "
                    + gateways.droppedAtB());
        } finally {
            server.stop();
        }
        summary(results);
    }

    private static Result run(String name, String shape, Target target, int messages, int window, int rate) {
        Receiver receiver = target.receiver();
        receiver.reset();
        long start = System.nanoTime();
        long deadline = start + ROUND_LIMIT.toNanos();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        int sent = 0;
        while (sent < messages && System.nanoTime() < deadline) {
            if (shape.equals("window")) {
                if (sent - receiver.received.get() >= window) {
                    LockSupport.parkNanos(10_000);
                    continue;
                }
            } else {
                long due = start + sent * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
            }
            target.send(sent++);
        }
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receiver.received.get() < sent && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(100_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, shape, sent, receiver.received.get(), seconds, receiver.latency.copy());
    }

    /** Medians over the measured rounds, of the rate, the p50 and the p99 each on its own. */
    private static void summary(List<Result> results) {
        System.out.println();
        System.out.println("| shape | target | msg/s | p50 µs | p99 µs | rate vs ceiling | p99 vs ceiling |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String shape : List.of("window", "paced")) {
            double[] ceiling = medians(results, shape, "jnats");
            double[] gateway = medians(results, shape, "gateway");
            System.out.printf("| %s | bare jnats (ceiling) | %,.0f | %.0f | %.0f | | |%n", shape, ceiling[0],
                    ceiling[1], ceiling[2]);
            System.out.printf("| %s | gateway A → B | %,.0f | %.0f | %.0f | %.0f %% | %.2f× |%n", shape, gateway[0],
                    gateway[1], gateway[2], 100 * gateway[0] / ceiling[0], gateway[2] / ceiling[2]);
        }
    }

    /** @return the median rate (msg/s), p50 and p99 (µs) of one target and shape */
    private static double[] medians(List<Result> results, String shape, String target) {
        List<Result> matching = results.stream().filter(r -> r.shape().equals(shape) && r.target().equals(target))
                .toList();
        return new double[] {median(matching.stream().mapToDouble(Result::rate).toArray()),
            median(matching.stream().mapToDouble(r -> r.latency().getValueAtPercentile(50) / 1000.0).toArray()),
            median(matching.stream().mapToDouble(r -> r.latency().getValueAtPercentile(99) / 1000.0).toArray())};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static byte[] payload(int sequence) {
        return ByteBuffer.allocate(16).putLong(System.nanoTime()).putLong(sequence).array();
    }

    private static long sentAt(ByteBuffer payload) {
        return payload.getLong(0);
    }

    /** Counts and times what arrives. */
    private static final class Receiver {
        final AtomicLong received = new AtomicLong();
        volatile Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);

        void record(ByteBuffer payload) {
            latency.recordValue(Math.max(0, System.nanoTime() - sentAt(payload)));
            received.incrementAndGet();
        }

        void reset() {
            latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            received.set(0);
        }
    }

    /** Gateway A exports everything, gateway B imports everything; a subscriber of B's router receives. */
    private static final class GatewayPair implements Target {
        private final SimpleMeterRegistry metersA = new SimpleMeterRegistry();
        private final SimpleMeterRegistry metersB = new SimpleMeterRegistry();
        private final RunningGateway a;
        private final RunningGateway b;
        private final Receiver receiver = new Receiver();
        private final Disposable subscription;
        private final Topic[] topics = new Topic[TOPICS];

        GatewayPair(String url) {
            Settings settings = NatsConfig.defaults().with(NatsConfig.ENABLED, true)
                    .with(NatsConfig.SERVERS, List.of(URI.create(url)))
                    .with(NatsConfig.RETAINED_SETTINGS, NatsConfig.RETAINED.defaults()
                            .with(NatsConfig.RETAINED_ENABLED, false));
            a = start(settings.with(NatsConfig.NAME, "a"), metersA);
            b = start(settings.with(NatsConfig.NAME, "b"), metersB);
            for (int i = 0; i < TOPICS; i++) {
                topics[i] = Topic.of("bench/t" + i);
            }
            subscription = b.router().subscribe(TopicFilter.of("bench/#"))
                    .subscribe(message -> receiver.record(message.payload()));
        }

        private static RunningGateway start(Settings settings, SimpleMeterRegistry meters) {
            NatsAdapter adapter = NatsAdapter.create(settings);
            RunningGateway gateway = Gateway.create().http(false).meterRegistry(meters).adapter(adapter).start()
                    .block(Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!adapter.ready() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000);
            }
            return gateway;
        }

        @Override
        public void send(int sequence) {
            a.router().publish(Message.builder(topics[sequence % TOPICS]).payload(payload(sequence)).build());
        }

        @Override
        public Receiver receiver() {
            return receiver;
        }

        double droppedAtA() {
            return metersA.find("tributary.nats.dropped").counters().stream().mapToDouble(c -> c.count()).sum();
        }

        double droppedAtB() {
            return metersB.find("tributary.nats.dropped").counters().stream().mapToDouble(c -> c.count()).sum()
                    + b.router().stats().dropped();
        }

        @Override
        public void close() {
            subscription.dispose();
            a.stop().block(Duration.ofSeconds(30));
            b.stop().block(Duration.ofSeconds(30));
        }
    }

    /** A bare jnats publisher connection and a bare jnats dispatcher subscriber connection. */
    private static final class BareNats implements Target {
        private final Connection publisher;
        private final Connection subscriber;
        private final Receiver receiver = new Receiver();
        private final String[] subjects = new String[TOPICS];

        BareNats(String url) throws Exception {
            publisher = Nats.connect(url);
            subscriber = Nats.connect(url);
            Dispatcher dispatcher = subscriber.createDispatcher(message ->
                    receiver.record(ByteBuffer.wrap(message.getData())));
            dispatcher.subscribe("bare.>");
            subscriber.flush(Duration.ofSeconds(5));
            for (int i = 0; i < TOPICS; i++) {
                subjects[i] = "bare.bench.t" + i;
            }
        }

        @Override
        public void send(int sequence) {
            publisher.publish(subjects[sequence % TOPICS], payload(sequence));
        }

        @Override
        public Receiver receiver() {
            return receiver;
        }

        @Override
        public void close() throws InterruptedException {
            publisher.close();
            subscriber.close();
        }
    }
}
