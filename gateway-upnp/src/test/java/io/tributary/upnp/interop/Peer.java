package io.tributary.upnp.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process of the namespace tests (a gateway, a GUPnP script, gmediarender…): its output lines are collected on a
 * thread of their own, so a test waits for the line it expects, with a deadline, and fails showing the output.
 */
final class Peer implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Writer input;

    Peer(String name, Process process) {
        this.name = name;
        this.process = process;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                synchronized (lines) {
                    lines.add("(output unreadable: " + e + ")");
                }
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits for a line of output.
     *
     * @param what what is awaited, for the failure message
     * @param match which line
     * @param within the deadline
     * @return the first matching line
     */
    String await(String what, Predicate<String> match, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (match.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + ": no " + what + " within " + within + "; output:\n"
                            + String.join("\n", lines));
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    /** @return the output so far */
    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** @param command one line for the process's standard input */
    void send(String command) throws IOException {
        input.write(command + "\n");
        input.flush();
    }

    /** @return whether the process exited within the time, for processes that end on their own */
    boolean exited(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return the process, to signal it */
    Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
