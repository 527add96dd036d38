package io.tributary.nats.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One real {@code nats-server} process for tests: on free loopback ports, JetStream stored under a given directory,
 * started from a generated configuration file, ready when its monitor's {@code /healthz} says ok, stopped with
 * SIGTERM (or killed with SIGKILL) and startable again on the same ports with the same storage.
 */
public final class NatsServer implements AutoCloseable {

    /** How long a server may take to become ready or to stop. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path dir;
    private final int port;
    private final int monitorPort;
    private final String extra;
    private Process process;

    private NatsServer(String name, Path dir, int port, int monitorPort, String extra) {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.monitorPort = monitorPort;
        this.extra = extra;
    }

    /**
     * Defines a server; {@link #start()} runs it.
     *
     * @param name server name, unique among servers that meet
     * @param dir a directory for its configuration, log and JetStream storage
     * @param jetStream whether JetStream is on
     * @param extra more configuration (leafnodes, cluster blocks), may name ports from {@link #freePort()}
     * @return the server definition
     */
    public static NatsServer define(String name, Path dir, boolean jetStream, String extra) {
        String jetStreamBlock = jetStream ? "jetstream { store_dir: \"" + dir.resolve("js-" + name) + "\" }\n" : "";
        return new NatsServer(name, dir, freePort(), freePort(), jetStreamBlock + extra);
    }

    /**
     * @param name the JetStream domain, so that clients of leaf nodes can reach this server's JetStream
     * @return a new definition with that domain
     */
    public NatsServer jetStreamDomain(String name) {
        return new NatsServer(this.name, dir, port, monitorPort, extra.replace("jetstream { store_dir:",
                "jetstream { domain: " + name + ", store_dir:"));
    }

    /**
     * Starts one JetStream server.
     *
     * @param dir a directory for its files
     * @return the ready server
     */
    public static NatsServer startJetStream(Path dir) {
        return define("solo", dir, true, "").start();
    }

    /** @return a TCP port free on loopback now */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts (or starts again) the process and waits until its monitor reports healthy.
     *
     * @return this server
     */
    public synchronized NatsServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            Path config = dir.resolve(name + ".conf");
            Files.writeString(config, "server_name: " + name + "\nlisten: 127.0.0.1:" + port + "\nhttp: 127.0.0.1:"
                    + monitorPort + "\n" + extra);
            process = new ProcessBuilder("nats-server", "-c", config.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nats-server (is it installed?)", e);
        }
        await("nats-server " + name + " healthy", () -> monitor("/healthz").contains("ok"));
        return this;
    }

    /** Stops the process with SIGTERM and waits for it to end. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the process with SIGKILL, as a crash, and waits for it to end. */
    public synchronized void kill() {
        end(true);
    }

    private void end(boolean crash) {
        if (process == null) {
            return;
        }
        if (crash) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** @return the server name */
    public String name() {
        return name;
    }

    /** @return its client URL, e.g. {@code nats://127.0.0.1:41222} */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** @return its client port */
    public int port() {
        return port;
    }

    /** @return whether the process runs */
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * Reads a monitor endpoint.
     *
     * @param path e.g. {@code /varz}, {@code /leafz}, {@code /routez}, {@code /jsz}
     * @return the body, or an empty string while the monitor does not answer
     */
    public String monitor(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + monitorPort + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * Polls a condition every 20 ms until it holds, failing after {@link #DEADLINE}.
     *
     * @param what the condition in words, for the failure
     * @param condition the condition
     */
    public static void await(String what, BooleanSupplier condition) {
        await(what, DEADLINE, condition);
    }

    /**
     * Polls a condition every 20 ms until it holds, failing after the deadline.
     *
     * @param what the condition in words, for the failure
     * @param deadline how long to wait at most
     * @param condition the condition
     */
    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + deadline.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Override
    public String toString() {
        return "nats-server " + name + " on " + url();
    }
}
