package io.tributary.upnp.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair, so that multicast works between real interfaces and nothing leaves
 * them: the gateway's side {@code va} with {@value #GATEWAY}/24, the peers' side {@code vb} with {@value #PEER}/24,
 * both with a multicast route. Each namespace is held by a {@code sleep} process made with {@code unshare -n};
 * commands run in one with {@code nsenter}. Needs root, iproute2 and util-linux. Closing kills the holders, which
 * removes the namespaces and the veth pair.
 */
final class NetworkNamespaces implements AutoCloseable {

    /** The gateway's address. */
    static final String GATEWAY = "10.99.0.1";
    /** The peers' address. */
    static final String PEER = "10.99.0.2";

    private final Process gatewaySide;
    private final Process peerSide;

    private NetworkNamespaces(Process gatewaySide, Process peerSide) {
        this.gatewaySide = gatewaySide;
        this.peerSide = peerSide;
    }

    static NetworkNamespaces create() throws IOException, InterruptedException {
        Process a = new ProcessBuilder("unshare", "-n", "sleep", "1200").start();
        Process b = new ProcessBuilder("unshare", "-n", "sleep", "1200").start();
        NetworkNamespaces namespaces = new NetworkNamespaces(a, b);
        try {
            long pa = a.pid();
            long pb = b.pid();
            namespaces.run(pa, "ip", "link", "set", "lo", "up");
            namespaces.run(pb, "ip", "link", "set", "lo", "up");
            namespaces.run(pa, "ip", "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns",
                    Long.toString(pb));
            namespaces.run(pa, "ip", "addr", "add", GATEWAY + "/24", "dev", "va");
            namespaces.run(pb, "ip", "addr", "add", PEER + "/24", "dev", "vb");
            namespaces.run(pa, "ip", "link", "set", "va", "up");
            namespaces.run(pb, "ip", "link", "set", "vb", "up");
            namespaces.run(pa, "ip", "route", "add", "239.0.0.0/8", "dev", "va");
            namespaces.run(pb, "ip", "route", "add", "239.0.0.0/8", "dev", "vb");
            return namespaces;
        } catch (IOException | RuntimeException e) {
            namespaces.close();
            throw e;
        }
    }

    /** Runs a command in a namespace and waits for it; fails with its output unless it exits 0. */
    private void run(long holder, String... command) throws IOException, InterruptedException {
        List<String> full = nsenter(holder, List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: "
                    + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** @param cidr a further address for the peers' side, e.g. one outside the gateway's subnet */
    void addPeerAddress(String cidr) throws IOException, InterruptedException {
        run(peerSide.pid(), "ip", "addr", "add", cidr, "dev", "vb");
    }

    /** Starts a process in the gateway's namespace. */
    Peer onGatewaySide(String name, List<String> command) throws IOException {
        return start(name, gatewaySide.pid(), command);
    }

    /** Starts a process in the peers' namespace. */
    Peer onPeerSide(String name, List<String> command) throws IOException {
        return start(name, peerSide.pid(), command);
    }

    /** Starts a JVM running a main class of the test classpath in the gateway's namespace. */
    Peer javaOnGatewaySide(String name, Class<?> main, String... args) throws IOException {
        return onGatewaySide(name, java(main, args));
    }

    /** Starts a JVM running a main class of the test classpath in the peers' namespace. */
    Peer javaOnPeerSide(String name, Class<?> main, String... args) throws IOException {
        return onPeerSide(name, java(main, args));
    }

    private static List<String> java(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static Peer start(String name, long holder, List<String> command) throws IOException {
        return new Peer(name, new ProcessBuilder(nsenter(holder, command)).redirectErrorStream(true).start());
    }

    private static List<String> nsenter(long holder, List<String> command) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(holder), "-n"));
        full.addAll(command);
        return full;
    }

    @Override
    public void close() throws InterruptedException {
        gatewaySide.destroy();
        peerSide.destroy();
        gatewaySide.waitFor(10, TimeUnit.SECONDS);
        peerSide.waitFor(10, TimeUnit.SECONDS);
    }
}
