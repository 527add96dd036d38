package io.tributary.bench.pnp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.pnp.PnpAdapter;
import io.tributary.pnp.PnpConfig;
import io.tributary.pnp.message.CliExecRequest;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.provision.Finish;
import io.tributary.pnp.provision.ProvisioningPlan;
import io.tributary.pnp.provision.Rule;
import io.tributary.pnp.provision.Step;
import io.tributary.pnp.provision.Steps;
import io.tributary.pnp.sim.AgentEvent;
import io.tributary.pnp.sim.SimulatedAgent;
import org.HdrHistogram.ConcurrentHistogram;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;

/**
 * Load run: N simulated agents doing complete WORK-REQUEST → WORK-RESPONSE → bye rounds, first against the real
 * gateway PnP stack (server, provisioner, MVStore device store, router publishing), then against a bare Reactor
 * Netty server answering with canned bodies (the ceiling for this machine and this load generator). Prints
 * rounds/s and p99 round latency for each and the ratio. Everything runs on loopback, bounded in time.
 *
 * <p>Latencies go into one HdrHistogram per target and run (a few hundred kilobytes whatever the device count), so
 * 10,000 agents fit in the generator's heap. After each gateway run the heap held per known device is measured
 * (after a full GC, with the agents stopped and the gateway still holding every device's record, results and
 * retained topics).
 *
 * <p>Arguments (all optional): {@code devices} (100), {@code seconds} measured per target and run (6),
 * {@code warmup} seconds per target and run (6), {@code port} of the gateway (18461; the canned server uses
 * port + 1), {@code runs} (3): after one unmeasured pass over both (JIT warm-up), the targets alternate run by
 * run and the medians are reported.
 */
public final class PnpLoadGenerator {

    private PnpLoadGenerator() {
    }

    /**
     * @param args devices, seconds, warmup, port, runs
     * @throws Exception if a server cannot start
     */
    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int port = args.length > 3 ? Integer.parseInt(args[3]) : 18461;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        // agents cancelled at the end of a run abort their in-flight exchanges; those errors are expected
        Hooks.onErrorDropped(error -> { });
        Path data = Files.createTempDirectory("pnp-load");
        List<Result> gateway = new ArrayList<>();
        List<Result> ceiling = new ArrayList<>();
        try {
            // one unmeasured pass over both targets first, so that neither is measured with a cold JIT
            runAgainstGateway(devices, warmup, warmup, port, data);
            runAgainstCanned(devices, warmup, warmup, port + 1);
            // alternate the two targets so that load from other processes on a shared machine hits both alike
            for (int run = 1; run <= repeats; run++) {
                Result g = runAgainstGateway(devices, seconds, warmup, port, data);
                Result c = runAgainstCanned(devices, seconds, warmup, port + 1);
                gateway.add(g);
                ceiling.add(c);
                System.out.printf("run %d: gateway %,.0f rounds/s (p99 %.2f ms), ceiling %,.0f rounds/s (p99 %.2f ms),"
                        + " ratio %.0f %%, heap per known device %,d bytes%n", run, g.rate, g.p99Millis, c.rate,
                        c.p99Millis, 100 * g.rate / c.rate, g.heapPerDevice);
            }
        } finally {
            deleteTree(data);
        }
        Result g = median(gateway);
        Result c = median(ceiling);
        System.out.printf("devices=%d measured=%ds warmup=%ds runs=%d (medians below)%n", devices, seconds, warmup,
                repeats);
        System.out.printf("gateway (server+provisioner+store+router): %,.0f rounds/s, p50 %.2f ms, p99 %.2f ms%n",
                g.rate, g.p50Millis, g.p99Millis);
        System.out.printf("bare Reactor Netty, canned bodies (ceiling): %,.0f rounds/s, p50 %.2f ms, p99 %.2f ms%n",
                c.rate, c.p50Millis, c.p99Millis);
        System.out.printf("gateway / ceiling = %.0f %% (goal >= 80 %%), p99 gateway / ceiling = %.2f (goal <= 2)%n",
                100 * g.rate / c.rate, g.p99Millis / c.p99Millis);
        System.out.printf("heap per known device (record, results, retained topics): %,d bytes%n", g.heapPerDevice);
    }

    private static Result median(List<Result> results) {
        double[] rates = results.stream().mapToDouble(Result::rate).sorted().toArray();
        double[] p50 = results.stream().mapToDouble(Result::p50Millis).sorted().toArray();
        double[] p99 = results.stream().mapToDouble(Result::p99Millis).sorted().toArray();
        long[] heap = results.stream().mapToLong(Result::heapPerDevice).sorted().toArray();
        int middle = rates.length / 2;
        return new Result(rates[middle], p50[middle], p99[middle], heap[middle]);
    }

    private static Result runAgainstGateway(int devices, int seconds, int warmup, int port, Path data) {
        Step step = Steps.request(CliExecRequest.of("show clock"));
        Rule rounds = Rule.forAll("load", Collections.nCopies(1_000_000, step), Finish.terminateProvisioning());
        RunningGateway gateway = Gateway.create().host("127.0.0.1").port(port)
                .meterRegistry(new SimpleMeterRegistry())
                .adapter(PnpAdapter.create(PnpConfig.defaults().with(PnpConfig.DATA_DIR, data.toString()))
                        .plan(ProvisioningPlan.defaults().withRules(List.of(rounds))))
                .start().block(Duration.ofSeconds(30));
        try {
            long before = usedHeapAfterGc();
            Result result = drive("http://127.0.0.1:" + port, devices, seconds, warmup);
            long perDevice = (usedHeapAfterGc() - before) / devices;
            return new Result(result.rate, result.p50Millis, result.p99Millis, perDevice);
        } finally {
            gateway.stop().block(Duration.ofSeconds(30));
        }
    }

    private static Result runAgainstCanned(int devices, int seconds, int warmup, int port) {
        LoopResources loops = LoopResources.create("canned", LoopResources.DEFAULT_IO_WORKER_COUNT, true);
        DisposableServer server = CannedPnpServer.bind("127.0.0.1", port, loops).block(Duration.ofSeconds(30));
        try {
            return drive("http://127.0.0.1:" + port, devices, seconds, warmup);
        } finally {
            server.disposeNow(Duration.ofSeconds(30));
            loops.disposeLater().block(Duration.ofSeconds(30));
        }
    }

    private static Result drive(String base, int devices, int seconds, int warmup) {
        AtomicBoolean measuring = new AtomicBoolean();
        LongAdder rounds = new LongAdder();
        LongAdder errors = new LongAdder();
        Map<String, Boolean> errorKinds = new ConcurrentHashMap<>();
        // Up to an hour, three significant digits: a fixed few hundred kilobytes for any number of agents.
        ConcurrentHistogram latencies = new ConcurrentHistogram(TimeUnit.HOURS.toNanos(1), 3);
        List<Disposable> agents = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            SimulatedAgent agent = SimulatedAgent.create(base, new Udi("WS-C2960X-48FPD-L", "V02",
                    String.format("LOAD%06d", i))).downloadFiles(false).maxExchanges(Integer.MAX_VALUE);
            agents.add(agent.run().subscribe(event -> {
                if (event.kind() == AgentEvent.Kind.ERROR) {
                    errors.increment();
                    if (errorKinds.size() < 5) {
                        errorKinds.putIfAbsent(event.detail(), Boolean.TRUE);
                    }
                }
                if (event.kind() == AgentEvent.Kind.ANSWERED && event.service() == Service.CLI_EXEC
                        && measuring.get()) {
                    rounds.increment();
                    latencies.recordValue(Math.min(event.roundNanos(), latencies.getHighestTrackableValue()));
                }
            }));
        }
        sleep(Duration.ofSeconds(warmup));
        measuring.set(true);
        long start = System.nanoTime();
        sleep(Duration.ofSeconds(seconds));
        measuring.set(false);
        long elapsed = System.nanoTime() - start;
        agents.forEach(Disposable::dispose);
        long total = rounds.sum();
        double p50 = latencies.getValueAtPercentile(50) / 1e6;
        double p99 = latencies.getValueAtPercentile(99) / 1e6;
        if (errors.sum() > 0) {
            System.out.printf("%s: %d agent errors (each costs that agent a 30 s poll wait), e.g. %s%n", base,
                    errors.sum(), errorKinds.keySet());
        }
        return new Result(total * 1e9 / elapsed, p50, p99, 0);
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The load generator's own pacing, in its main thread only (never in protocol code). */
    private static void sleep(Duration duration) {
        Flux.interval(duration).take(1).blockLast();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private record Result(double rate, double p50Millis, double p99Millis, long heapPerDevice) {
    }
}
