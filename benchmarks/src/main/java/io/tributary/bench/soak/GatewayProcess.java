package io.tributary.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped gateway ({@code java -jar tributary.jar run}) as a child process, and what the soak samples of it:
 * heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), RSS and threads ({@code /proc/<pid>/status})
 * and open file descriptors ({@code /proc/<pid>/fd}).
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private final Process process;
    private final Path log;

    private GatewayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the jar with a configuration file and waits until its log says it started.
     *
     * @param jar the shipped jar
     * @param config the configuration file
     * @param log where the child's output goes
     * @return the running gateway
     * @throws IOException if it cannot start, or does not announce its start within 60 s
     */
    static GatewayProcess start(Path jar, Path config, Path log) throws IOException, InterruptedException {
        return start(jar, List.of(), List.of("--config", config.toString()), Map.of(), log);
    }

    /**
     * Starts {@code java <jvmFlags> -jar <jar> run <arguments>} in the log's directory, with the given environment
     * variables added ({@code TRIBUTARY_*} settings), and waits until its log says it started.
     *
     * @param jar the shipped jar
     * @param jvmFlags flags of the child JVM, e.g. {@code -Xmx512m}; none for its defaults
     * @param arguments arguments after {@code run}; none for the embedded default configuration
     * @param environment variables added to the child's environment
     * @param log where the child's output goes; its directory is the child's working directory
     * @return the running gateway
     * @throws IOException if it cannot start, or does not announce its start within 60 s
     */
    public static GatewayProcess start(Path jar, List<String> jvmFlags, List<String> arguments,
                                       Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "run"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(log.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
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

    /** @return the gateway's process ID */
    public long pid() {
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

    /** Stops the gateway (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
