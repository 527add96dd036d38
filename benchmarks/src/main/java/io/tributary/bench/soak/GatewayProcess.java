package io.tributary.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped gateway ({@code java -jar tributary.jar run}) as a child process, and what the soak samples of it:
 * heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), RSS and threads ({@code /proc/<pid>/status})
 * and open file descriptors ({@code /proc/<pid>/fd}).
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private final Process process;
    private final Path log;

    private GatewayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the jar and waits until its log says it started.
     *
     * @param jar the shipped jar
     * @param config the configuration file
     * @param log where the child's output goes
     * @return the running gateway
     * @throws IOException if it cannot start, or does not announce its start within 60 s
     */
    static GatewayProcess start(Path jar, Path config, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 600; i++) {
            if (Files.readString(log, StandardCharsets.UTF_8).contains("Tributary started")) {
                return new GatewayProcess(process, log);
            }
            if (!process.isAlive()) {
                break;
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        process.destroyForcibly();
        throw new IOException("the gateway did not start; see " + log);
    }

    long pid() {
        return process.pid();
    }

    /** @return heap in use right after a full collection, in bytes */
    long heapAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    /** @return resident set size in bytes */
    long rss() throws IOException {
        return status("VmRSS") * 1024;
    }

    /** @return live threads */
    long threads() throws IOException {
        return status("Threads");
    }

    /** @return open file descriptors */
    long fileDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
            return fds.count();
        }
    }

    private long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process run = new ProcessBuilder(List.of(jcmd, String.valueOf(pid()), command)).redirectErrorStream(true)
                .start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        run.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** @return the child's log so far, for the error summary */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
