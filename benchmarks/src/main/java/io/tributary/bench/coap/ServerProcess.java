package io.tributary.bench.coap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of {@link BenchServers} in a JVM of its own, bound and ready, and what a run reads of any server process by
 * its ID: CPU time ({@code /proc/<pid>/stat}) and RSS ({@code /proc/<pid>/status}).
 */
final class ServerProcess implements AutoCloseable {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double CLOCK_TICKS = 100.0;

    private final Process process;

    private ServerProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts a server and waits until it printed {@code READY}.
     *
     * @param kind the {@link BenchServers} kind
     * @param port its UDP port
     * @param jvmFlags flags of its JVM; none for the defaults
     * @return the running server
     * @throws IOException if it failed to bind or start
     */
    static ServerProcess start(String kind, int port, List<String> jvmFlags) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServers.class.getName(), kind,
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
                return new ServerProcess(process);
            }
            if (line.startsWith("FAILED")) {
                break;
            }
        }
        process.destroyForcibly();
        throw new IOException(kind + " server did not start on port " + port + ": " + line);
    }

    /** @return the server's process ID */
    long pid() {
        return process.pid();
    }

    /** @return user plus system CPU time of a process so far, in seconds */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
    }

    /** @return the resident set size of a process, in KiB */
    static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
