package io.tributary.bench.nats;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import io.tributary.core.RouterConfig;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.nats.NatsAdapter;
import io.tributary.nats.NatsConfig;
import io.tributary.nats.testing.NatsServer;

/**
 * Heap a gateway holds per topic it imports from NATS, measured as used heap after full collections before and
 * after the imports, in a gateway whose only traffic they are:
 * <ol>
 * <li>non-retained messages on distinct subjects (nothing should stay);</li>
 * <li>retained messages on distinct subjects ({@code Tributary-Retain: true}): the router's retained value each;</li>
 * <li>keys of the key-value bucket, read by the watch of a gateway that is already running.</li>
 * </ol>
 * The messages come from a bare jnats client with 16-byte payloads. Usage:
 * {@code java -cp benchmarks.jar io.tributary.bench.nats.NatsMemory [topics=50000]}; needs {@code nats-server}.
 */
public final class NatsMemory {

    private static final int CHUNK = 4096;

    private NatsMemory() {
    }

    /**
     * @param args see the class description
     * @throws Exception if the server or the gateway fails
     */
    public static void main(String[] args) throws Exception {
        int topics = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Path dir = Files.createTempDirectory("nats-memory");
        NatsServer server = NatsServer.startJetStream(dir);
        try (Connection client = Nats.connect(server.url())) {
            RunningGateway gateway = start(server.url());
            try {
                publish(client, "warm", 0, 1000, true);
                await(() -> gateway.router().retainedCount() == 1000);
                long before = usedHeap();
                long published = gateway.router().stats().published();
                for (int from = 0; from < topics; from += CHUNK) {
                    int to = Math.min(topics, from + CHUNK);
                    publish(client, "plain", from, to, false);
                    await(() -> gateway.router().stats().published() >= published + to);
                }
                long afterPlain = usedHeap();
                for (int from = 0; from < topics; from += CHUNK) {
                    int to = Math.min(topics, from + CHUNK);
                    publish(client, "retained", from, to, true);
                    await(() -> gateway.router().retainedCount() == 1000 + to);
                }
                long afterRetained = usedHeap();
                KeyValue bucket = client.keyValue("tributary-retained");
                for (int i = 0; i < topics; i++) {
                    bucket.put("tributary.kv.t" + i, payload(i));
                }
                await(() -> gateway.router().retainedCount() == 1000 + 2 * topics);
                long afterKv = usedHeap();
                System.out.printf("%,d topics each; heap %.1f MiB at start%n", topics, before / 1048576.0);
                System.out.printf("non-retained imported topic: %.0f bytes each%n",
                        (double) (afterPlain - before) / topics);
                System.out.printf("retained imported topic (subject): %.0f bytes each%n",
                        (double) (afterRetained - afterPlain) / topics);
                System.out.printf("retained key read from the bucket: %.0f bytes each%n",
                        (double) (afterKv - afterRetained) / topics);
            } finally {
                gateway.stop().block(Duration.ofSeconds(30));
            }
        } finally {
            server.stop();
        }
    }

    private static RunningGateway start(String url) {
        Settings settings = NatsConfig.defaults().with(NatsConfig.ENABLED, true)
                .with(NatsConfig.SERVERS, List.of(URI.create(url))).with(NatsConfig.NAME, "memory");
        NatsAdapter adapter = NatsAdapter.create(settings);
        RunningGateway gateway = Gateway.create().http(false).meterRegistry(new SimpleMeterRegistry())
                .router(RouterConfig.defaults().with(RouterConfig.MAX_RETAINED, 1_000_000))
                .adapter(adapter).start().block(Duration.ofSeconds(30));
        await(adapter::ready);
        return gateway;
    }

    /** Publishes a chunk no bigger than the gateway's inbound buffer, so that none is dropped. */
    private static void publish(Connection client, String group, int from, int to, boolean retained) {
        Headers headers = retained ? new Headers().put("Tributary-Retain", "true") : new Headers();
        for (int i = from; i < to; i++) {
            client.publish("tributary." + group + ".t" + i, headers, payload(i));
        }
    }

    private static byte[] payload(int i) {
        return ByteBuffer.allocate(16).putLong(i).putLong(-i).array();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within 120 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
