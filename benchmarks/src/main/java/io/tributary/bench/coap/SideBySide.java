package io.tributary.bench.coap;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link CoapLoad} in one go against our server, a stock Californium 3.14 server and a bare Netty UDP echo
 * (the ceiling), each in its own JVM started with the same flags, and prints req/s, p99 latency and the server's
 * RSS after the load, with the ratios the goals are stated in. Usage:
 * {@code java -cp benchmarks.jar io.tributary.bench.coap.SideBySide [seconds=10] [ports=64] [window=4] [pinned]};
 * with {@code pinned}, run it under {@code taskset -c 0} and each server is started on core 1 only, so the
 * generator and the server do not compete for a core and throughput shows the server's own cost.
 */
public final class SideBySide {

    private static final int BASE_PORT = 25683;

    private SideBySide() {
    }

    /**
     * @param args measured seconds, source ports, window per port
     * @throws Exception if a server fails to start or the run fails
     */
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        int ports = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        boolean pinned = args.length > 3 && args[3].equals("pinned");
        System.out.printf("CoAP side by side: %d s measured after 3 s warm-up, %d source ports x window %d, "
                + "%d cores, %s%n", seconds, ports, window, Runtime.getRuntime().availableProcessors(),
                pinned ? "each server pinned to core 1 (run this JVM with taskset -c 0)" : "cores shared");
        Map<String, CoapLoad.Result> results = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        int port = BASE_PORT;
        for (String kind : List.of("tributary", "californium", "echo")) {
            Process server = start(kind, port, pinned);
            try {
                long cpuBefore = cpuTicks(server.pid());
                CoapLoad.Result result = new CoapLoad(new InetSocketAddress("127.0.0.1", port), ports, window,
                        "bench").run(3000, seconds * 1000, 1);
                long cpuAfter = cpuTicks(server.pid());
                results.put(kind, result);
                rss.put(kind, rssKiB(server.pid()));
                // Server CPU over warm-up and measurement, per request answered in the measured part (approximate).
                double cpuMicrosPerRequest = (cpuAfter - cpuBefore) * 1e6 / CLOCK_TICKS
                        / (result.answered() * (seconds + 3.0) / seconds);
                System.out.printf("%-12s %s, server RSS %,d MiB, server CPU %.1f µs/request%n", kind, result,
                        rss.get(kind) / 1024, cpuMicrosPerRequest);
            } finally {
                server.destroy();
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
            port++;
        }
        CoapLoad.Result ours = results.get("tributary");
        CoapLoad.Result cf = results.get("californium");
        CoapLoad.Result echo = results.get("echo");
        System.out.printf("tributary / californium throughput: %.2fx (goal >= 3x)%n",
                ours.requestsPerSecond() / cf.requestsPerSecond());
        System.out.printf("tributary / UDP echo ceiling:       %.0f %% (goal >= 80 %%)%n",
                100 * ours.requestsPerSecond() / echo.requestsPerSecond());
        System.out.printf("tributary / californium RSS:        %.2f (goal <= 0.25)%n",
                rss.get("tributary") / (double) rss.get("californium"));
    }

    /** Starts one of {@link BenchServers} in a JVM of its own and waits for it to be bound. */
    static Process start(String kind, int port, boolean pinned) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (pinned) {
            command.addAll(List.of("taskset", "-c", "1"));
        }
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), BenchServers.class.getName(), kind,
                String.valueOf(port)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("READY")) {
                Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), kind + "-output");
                drain.setDaemon(true);
                drain.start();
                return process;
            }
            if (line.startsWith("FAILED")) {
                break;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(kind + " server did not start on port " + port + ": " + line);
    }

    private static final double CLOCK_TICKS = 100.0;

    /** User plus system CPU time of a process, in clock ticks (1/100 s on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long rssKiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
