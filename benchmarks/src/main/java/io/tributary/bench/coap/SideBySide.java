package io.tributary.bench.coap;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.tributary.bench.soak.GatewayProcess;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.message.CoapCode;

/**
 * The CoAP side by side of the product as users run it: in one run, each server in its own JVM started with the
 * same flags, the shipped gateway ({@code java -jar tributary.jar run}, its embedded default configuration with
 * only the ports changed, {@code /ps/bench} seeded with one PUT), a bare Netty epoll UDP echo (the ceiling),
 * Californium 3.14 stock and Californium with {@code PEERS_MARK_AND_SWEEP} deduplication, under two load shapes of
 * CON {@code GET /ps/bench} from {@link CoapLoad} (64 client sockets × 1 outstanding; 64 × 4, 256 in all). Each
 * measurement starts a fresh server; rounds alternate the servers' order; it prints every measurement (req/s,
 * p50, p99, server RSS after the load, server CPU per request over the measured seconds, load average), then per
 * shape the medians and the medians of each round's ratios against the goals. It runs inside a private network
 * namespace ({@code unshare -n}, loopback up) when it may create one, else on the host's loopback, and says which.
 *
 * <p>{@code java -cp benchmarks.jar io.tributary.bench.coap.SideBySide [seconds=10] [rounds=3]
 * [servers=gateway,echo,californium,californium-peers] [jar=gateway-app/target/tributary.jar] [flags=-Xmx1g,...]
 * [loopback]}; {@code route} (our bare {@code CoapServer} with one constant route) may be added to the servers.
 */
public final class SideBySide {

    // Not TRIBUTARY_*: the gateway refuses environment variables that name no setting.
    private static final String NAMESPACE = "SIDE_BY_SIDE_NETNS";
    private static final String PATH = "/ps/bench";
    private static final int GATEWAY_PORT = 25683;
    private static final int HTTP_PORT = 25780;
    private static final long WARMUP_MILLIS = 3000;
    private static final List<Shape> SHAPES = List.of(new Shape("64 sockets x 1 outstanding", 64, 1),
            new Shape("64 sockets x 4 outstanding (256 in all)", 64, 4));
    private static final List<String> KINDS = List.of("gateway", "echo", "californium", "californium-peers",
            "route");

    private SideBySide() {
    }

    /** A load shape: client sockets and outstanding requests per socket. */
    record Shape(String name, int ports, int window) {
    }

    /** What one measurement of one server gave. */
    record Figures(double requestsPerSecond, double p50Micros, double p99Micros, long lost, long rssKiB,
                   double cpuMicrosPerRequest, double loadAverage) {
        @Override
        public String toString() {
            return String.format("%,9.0f req/s  p50 %,6.0f µs  p99 %,6.0f µs  lost %3d  RSS %,5d MiB  CPU %5.2f µs/req"
                    + "  (load %.2f)", requestsPerSecond, p50Micros, p99Micros, lost, rssKiB / 1024,
                    cpuMicrosPerRequest, loadAverage);
        }
    }

    /** A goal: a ratio of the gateway's figure to another server's, and its bound. */
    private record Goal(String name, String other, ToDoubleFunction<Figures> figure, boolean atLeast, double bound) {
        double ratio(Figures gateway, Figures against) {
            return figure.applyAsDouble(gateway) / figure.applyAsDouble(against);
        }
    }

    private static final List<Goal> GOALS = List.of(
            new Goal("gateway / echo req/s", "echo", Figures::requestsPerSecond, true, 0.80),
            new Goal("gateway / Cf peers-dedup req/s", "californium-peers", Figures::requestsPerSecond, true, 1.5),
            new Goal("gateway / Cf stock req/s", "californium", Figures::requestsPerSecond, true, 3.0),
            new Goal("gateway p99 / echo p99", "echo", Figures::p99Micros, false, 2.0),
            new Goal("gateway RSS / Cf stock RSS", "californium", figures -> figures.rssKiB, false, 0.25),
            new Goal("gateway CPU per request / echo's", "echo", Figures::cpuMicrosPerRequest, false, 1.5));

    /**
     * @param args {@code key=value} options (seconds, rounds, servers, jar, flags) and {@code loopback}
     * @throws Exception if a server fails to start or the run fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        if (mayEnterNamespace(options)) {
            System.exit(inNamespace(SideBySide.class, args));
        }
        long seconds = Long.parseLong(options.getOrDefault("seconds", "10"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        List<String> servers = List.of(options.getOrDefault("servers",
                "gateway,echo,californium,californium-peers").split(","));
        Path jar = Path.of(options.getOrDefault("jar", "gateway-app/target/tributary.jar"));
        List<String> flags = options.getOrDefault("flags", "").isEmpty() ? List.of()
                : List.of(options.get("flags").split(","));
        for (String server : servers) {
            if (!KINDS.contains(server)) {
                throw new IllegalArgumentException("unknown server " + server + "; known: " + KINDS);
            }
        }
        System.out.printf("CoAP side by side: CON GET %s, %d s measured after %d s warm-up, %d rounds, servers %s,"
                        + " JVM flags %s, %d cores, %s%n", PATH, seconds, WARMUP_MILLIS / 1000, rounds, servers,
                flags.isEmpty() ? "none" : flags, Runtime.getRuntime().availableProcessors(), where());
        CoapClient client = CoapClient.bind().block(Duration.ofSeconds(10));
        Map<Shape, List<Map<String, Figures>>> results = new LinkedHashMap<>();
        try {
            for (int round = 0; round < rounds; round++) {
                for (Shape shape : SHAPES) {
                    Map<String, Figures> figures = new LinkedHashMap<>();
                    for (int i = 0; i < servers.size(); i++) {
                        // Each round starts with another server, so none always follows the same one.
                        String server = servers.get((i + round) % servers.size());
                        Figures measured = measure(server, shape, seconds, jar, flags, client);
                        figures.put(server, measured);
                        System.out.printf("round %d, %-40s %-18s %s%n", round + 1, shape.name, server, measured);
                    }
                    results.computeIfAbsent(shape, ignored -> new ArrayList<>()).add(figures);
                }
            }
        } finally {
            client.dispose();
        }
        results.forEach(SideBySide::summary);
    }

    private static Figures measure(String server, Shape shape, long seconds, Path jar, List<String> flags,
                                   CoapClient client) throws Exception {
        int port = GATEWAY_PORT + KINDS.indexOf(server);
        try (AutoCloseable running = start(server, port, jar, flags)) {
            long pid = running instanceof GatewayProcess gateway ? gateway.pid() : ((ServerProcess) running).pid();
            URI uri = URI.create("coap://127.0.0.1:" + port + PATH);
            if (server.equals("gateway")) {
                client.put(uri, BenchServers.VALUE).block(Duration.ofSeconds(10));
            }
            if (!server.equals("echo")) {
                CoapResponse read = client.get(uri).block(Duration.ofSeconds(10));
                if (read == null || read.code() != CoapCode.CONTENT || !read.payloadUtf8().equals(BenchServers.VALUE)) {
                    throw new IllegalStateException(server + " answered " + read + " to GET " + PATH);
                }
            }
            double[] cpu = new double[2];
            CoapLoad.Result result = new CoapLoad(new InetSocketAddress("127.0.0.1", port), shape.ports,
                    shape.window, PATH).run(WARMUP_MILLIS, seconds * 1000, 1,
                            () -> cpu[0] = cpuSeconds(pid), () -> cpu[1] = cpuSeconds(pid));
            return new Figures(result.requestsPerSecond(), result.p50Micros(), result.p99Micros(), result.lost(),
                    ServerProcess.rssKiB(pid), (cpu[1] - cpu[0]) * 1e6 / result.answered(), loadAverage());
        }
    }

    private static AutoCloseable start(String server, int port, Path jar, List<String> flags) throws Exception {
        if (!server.equals("gateway")) {
            return ServerProcess.start(server, port, flags);
        }
        Path log = Files.createTempDirectory("side-by-side").resolve("gateway.log");
        return GatewayProcess.start(jar, flags, List.of(), Map.of("TRIBUTARY_COAP_PORT", String.valueOf(port),
                "TRIBUTARY_HTTP_PORT", String.valueOf(HTTP_PORT)), log);
    }

    private static double cpuSeconds(long pid) {
        try {
            return ServerProcess.cpuSeconds(pid);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** Per shape: each server's medians, then the median of each round's ratio for every goal. */
    private static void summary(Shape shape, List<Map<String, Figures>> rounds) {
        System.out.printf("%n%s: medians of %d rounds%n", shape.name, rounds.size());
        for (String server : rounds.get(0).keySet()) {
            List<Figures> all = rounds.stream().map(round -> round.get(server)).toList();
            System.out.printf("  %-18s %,9.0f req/s  p50 %,6.0f µs  p99 %,6.0f µs  RSS %,5.0f MiB  CPU %5.2f µs/req%n",
                    server, median(all, Figures::requestsPerSecond), median(all, Figures::p50Micros),
                    median(all, Figures::p99Micros), median(all, figures -> figures.rssKiB / 1024.0),
                    median(all, Figures::cpuMicrosPerRequest));
        }
        for (Goal goal : GOALS) {
            if (!rounds.get(0).containsKey("gateway") || !rounds.get(0).containsKey(goal.other)) {
                continue;
            }
            double[] ratios = rounds.stream().mapToDouble(round -> goal.ratio(round.get("gateway"),
                    round.get(goal.other))).sorted().toArray();
            double median = median(ratios);
            boolean met = goal.atLeast ? median >= goal.bound : median <= goal.bound;
            System.out.printf("  %-34s %6.2f  (rounds %s; goal %s %.2f: %s)%n", goal.name, median,
                    Arrays.toString(Arrays.stream(ratios).map(r -> Math.round(r * 100) / 100.0).toArray()),
                    goal.atLeast ? ">=" : "<=", goal.bound, met ? "met" : "not met");
        }
    }

    private static double median(List<Figures> all, ToDoubleFunction<Figures> figure) {
        return median(all.stream().mapToDouble(figure).sorted().toArray());
    }

    static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** @return {@code key=value} arguments by key; a bare argument maps to the empty string */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            options.put(equals < 0 ? arg : arg.substring(0, equals), equals < 0 ? "" : arg.substring(equals + 1));
        }
        return options;
    }

    /** @return the one-minute load average */
    static double loadAverage() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** Whether this run should start again inside a network namespace: not yet in one, not told otherwise, allowed. */
    static boolean mayEnterNamespace(Map<String, String> options) {
        return System.getenv(NAMESPACE) == null && !options.containsKey("loopback") && namespacesAllowed();
    }

    /** @return where this run's servers and clients meet, as printed in its header */
    static String where() {
        return System.getenv(NAMESPACE) != null ? "in a private network namespace (unshare -n)"
                : "on the host's loopback";
    }

    /** Whether this process may create a network namespace (root, or a user namespace that allows it). */
    private static boolean namespacesAllowed() {
        try {
            return new ProcessBuilder("unshare", "-n", "true").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Runs a program again inside a new network namespace with its loopback up; returns its exit code. */
    static int inNamespace(Class<?> main, String[] args) throws Exception {
        List<String> command = new ArrayList<>(List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$@\"",
                "sh", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(NAMESPACE, "private");
        return builder.start().waitFor();
    }
}
