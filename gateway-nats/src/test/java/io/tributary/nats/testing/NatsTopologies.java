package io.tributary.nats.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The server layouts the tests run on: a hub with JetStream and leaf nodes without (so the leaves extend the hub's
 * JetStream, the deployment the docs recommend for sites), and a three-server JetStream cluster.
 */
public final class NatsTopologies {

    private NatsTopologies() {
    }

    /** The JetStream domain of the hub in {@link #hubAndLeaves}. */
    public static final String HUB_DOMAIN = "hub";

    /**
     * Starts a hub and leaves, and waits until every leaf is connected to the hub. The hub's JetStream is in domain
     * {@value #HUB_DOMAIN}, which clients of the leaves name to reach it.
     *
     * @param dir a directory for their files
     * @param leaves how many leaves
     * @return the hub first, then the leaves
     */
    public static List<NatsServer> hubAndLeaves(Path dir, int leaves) {
        int leafPort = NatsServer.freePort();
        NatsServer hub = NatsServer.define("hub", dir, true, "leafnodes { listen: 127.0.0.1:" + leafPort + " }\n")
                .jetStreamDomain(HUB_DOMAIN).start();
        List<NatsServer> servers = new ArrayList<>(List.of(hub));
        for (int i = 1; i <= leaves; i++) {
            servers.add(NatsServer.define("leaf" + i, dir, false, "leafnodes { remotes = [ { url: \"nats-leaf://"
                    + "127.0.0.1:" + leafPort + "\" } ] }\n").start());
        }
        NatsServer.await("all " + leaves + " leaves connected to the hub",
                () -> hub.monitor("/leafz").contains("\"leafnodes\": " + leaves));
        return servers;
    }

    /**
     * Starts a JetStream cluster and waits until its routes are up and it has a JetStream meta leader.
     *
     * @param dir a directory for their files
     * @param size how many servers
     * @return the servers
     */
    public static List<NatsServer> cluster(Path dir, int size) {
        List<Integer> routePorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            routePorts.add(NatsServer.freePort());
        }
        String routes = routePorts.stream().map(port -> "nats-route://127.0.0.1:" + port)
                .collect(Collectors.joining(", "));
        List<NatsServer> servers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            servers.add(NatsServer.define("c" + (i + 1), dir, true, "cluster { name: c, listen: 127.0.0.1:"
                    + routePorts.get(i) + ", routes: [" + routes + "] }\n"));
        }
        // Clustered servers report healthy only once they see each other: start all, then wait for each.
        List<Thread> starters = servers.stream().map(server -> new Thread(server::start, "start-" + server.name()))
                .toList();
        starters.forEach(Thread::start);
        for (Thread starter : starters) {
            try {
                starter.join(NatsServer.DEADLINE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        NatsServer.await("cluster routes and a JetStream meta leader", () -> servers.stream().allMatch(server ->
                server.running() && server.monitor("/routez").contains("\"num_routes\": " + (size - 1))
                        && server.monitor("/jsz").contains("\"leader\"")));
        return servers;
    }

    /** @param servers servers to stop, ignoring those already stopped */
    public static void stopAll(List<NatsServer> servers) {
        servers.forEach(NatsServer::stop);
    }
}
