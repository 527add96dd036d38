package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real command in a child JVM and stops it with SIGTERM, as a service manager would. */
class ProcessLifecycleTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("SIGTERM stops the gateway gracefully and the process exits 0")
    void sigterm() throws Exception {
        Path config = Files.writeString(dir.resolve("gw.yaml"),
                "http:\n  host: 127.0.0.1\n  port: 0\nlogging:\n  format: json\ncoap:\n  host: 127.0.0.1\n  port: 0\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.tributary.app.cli.Main", "run", "--config", config.toString())
                .redirectErrorStream(true).start();
        // The child's output is read on its own thread, so a child that hangs fails this test at a deadline
        // instead of blocking it in readLine.
        BlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(output::add);
            } catch (IOException e) {
                output.add("(output unreadable: " + e + ")");
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        List<String> lines = new ArrayList<>();
        try {
            String line;
            while ((line = output.poll(60, TimeUnit.SECONDS)) != null && !line.contains("Tributary started")) {
                lines.add(line);
            }
            assertThat(line).as("the child announced its start within 60 s; output:%n%s", String.join("\n", lines))
                    .isNotNull();
            lines.add(line);
            process.toHandle().destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the child exited within 30 s of SIGTERM").isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            output.drainTo(lines);
        } finally {
            process.destroyForcibly();
        }
        assertThat(lines).anyMatch(line -> line.contains("Tributary started"));
        assertThat(lines).anyMatch(line -> line.contains("gateway stopped"));
        assertThat(lines).filteredOn(line -> line.contains("Tributary started"))
                .allMatch(line -> line.startsWith("{") && line.contains("\"level\":\"INFO\""));
        assertThat(process.exitValue()).as("exit code after SIGTERM; output:%n%s", String.join("\n", lines))
                .isZero();
    }
}
