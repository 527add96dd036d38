package io.tributary.pnp.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.tributary.pnp.message.Udi;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A reactive PnP agent that behaves like a Cisco device, as an immutable definition (every method returns a
 * changed copy). {@link #run()} says HELLO, then polls {@code /pnp/WORK-REQUEST}, performs each service with a
 * plausible response (downloading and checking configs and images it is sent), answers on
 * {@code /pnp/WORK-RESPONSE}, polls again right after the bye, obeys backoff and stops at terminate. A request it
 * cannot parse is answered with a fault. After an error it waits its poll interval, 30 s by default as Cisco
 * agents do. Waits run on the given scheduler, so tests
 * drive them with virtual time.
 */
public final class SimulatedAgent {

    /** The agent's default retry interval after an error: 30 s. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.create(ConnectionProvider.builder("pnp-agents")
                .maxConnections(1024).pendingAcquireMaxCount(-1).build());
    }

    final String baseUrl;
    final Udi udi;
    final String hostname;
    final boolean authRequired;
    final Duration pollInterval;
    final Duration afterBye;
    final Scheduler scheduler;
    final HttpClient client;
    final List<Failure> failures;
    final boolean downloadFiles;
    final int maxExchanges;

    private SimulatedAgent(String baseUrl, Udi udi, String hostname, boolean authRequired, Duration pollInterval,
                           Duration afterBye, Scheduler scheduler, HttpClient client, List<Failure> failures,
                           boolean downloadFiles, int maxExchanges) {
        this.baseUrl = baseUrl;
        this.udi = udi;
        this.hostname = hostname;
        this.authRequired = authRequired;
        this.pollInterval = pollInterval;
        this.afterBye = afterBye;
        this.scheduler = scheduler;
        this.client = client;
        this.failures = List.copyOf(failures);
        this.downloadFiles = downloadFiles;
        this.maxExchanges = maxExchanges;
    }

    /**
     * @param baseUrl the server, e.g. {@code http://127.0.0.1:8080}
     * @param udi the device's UDI
     * @return an agent with hostname {@code Switch}, no authentication, a 30 s poll interval, no pause after bye,
     *         the parallel scheduler, a shared client pool of 1,024 connections, no failures, file downloads on,
     *         and at most 10,000 work requests per run
     */
    public static SimulatedAgent create(String baseUrl, Udi udi) {
        return new SimulatedAgent(Objects.requireNonNull(baseUrl, "baseUrl"), Objects.requireNonNull(udi, "udi"),
                "Switch", false, DEFAULT_POLL, Duration.ZERO, Schedulers.parallel(), Shared.CLIENT, List.of(), true,
                10_000);
    }

    /**
     * @param name the hostname the agent reports; default {@code Switch}
     * @return a new agent reference
     */
    public SimulatedAgent hostname(String name) {
        return new SimulatedAgent(baseUrl, udi, name, authRequired, pollInterval, afterBye, scheduler, client,
                failures, downloadFiles, maxExchanges);
    }

    /**
     * @param required whether the agent says {@code authRequired}; default {@code false}
     * @return a new agent reference
     */
    public SimulatedAgent authRequired(boolean required) {
        return new SimulatedAgent(baseUrl, udi, hostname, required, pollInterval, afterBye, scheduler, client,
                failures, downloadFiles, maxExchanges);
    }

    /**
     * @param interval wait after an error (and the initial poll interval); default 30 s
     * @return a new agent reference
     */
    public SimulatedAgent pollInterval(Duration interval) {
        return new SimulatedAgent(baseUrl, udi, hostname, authRequired, Objects.requireNonNull(interval, "interval"),
                afterBye, scheduler, client, failures, downloadFiles, maxExchanges);
    }

    /**
     * @param pause wait between a bye and the next work request; default none, as real agents poll at once
     * @return a new agent reference
     */
    public SimulatedAgent afterBye(Duration pause) {
        return new SimulatedAgent(baseUrl, udi, hostname, authRequired, pollInterval,
                Objects.requireNonNull(pause, "pause"), scheduler, client, failures, downloadFiles, maxExchanges);
    }

    /**
     * @param timer the scheduler waits run on; default {@link Schedulers#parallel()}; tests pass a virtual one
     * @return a new agent reference
     */
    public SimulatedAgent scheduler(Scheduler timer) {
        return new SimulatedAgent(baseUrl, udi, hostname, authRequired, pollInterval, afterBye,
                Objects.requireNonNull(timer, "timer"), client, failures, downloadFiles, maxExchanges);
    }

    /**
     * @param httpClient the client to talk through (pool, TLS); default a shared pool of 1,024 connections
     * @return a new agent reference
     */
    public SimulatedAgent httpClient(HttpClient httpClient) {
        return new SimulatedAgent(baseUrl, udi, hostname, authRequired, pollInterval, afterBye, scheduler,
                Objects.requireNonNull(httpClient, "httpClient"), failures, downloadFiles, maxExchanges);
    }

    /**
     * @param failure a failure to inject; may be called again for more
     * @return a new agent reference
     */
    public SimulatedAgent failing(Failure failure) {
        List<Failure> more = new ArrayList<>(failures);
        more.add(Objects.requireNonNull(failure, "failure"));
        return new SimulatedAgent(baseUrl, udi, hostname, authRequired, pollInterval, afterBye, scheduler, client,
                more, downloadFiles, maxExchanges);
    }

    /**
     * @param enabled whether configs and images are downloaded and their MD5 checked; default {@code true}
     * @return a new agent reference
     */
    public SimulatedAgent downloadFiles(boolean enabled) {
        return new SimulatedAgent(baseUrl, udi, hostname, authRequired, pollInterval, afterBye, scheduler, client,
                failures, enabled, maxExchanges);
    }

    /**
     * @param count most work requests in one run, after which the run completes; default 10,000
     * @return a new agent reference
     */
    public SimulatedAgent maxExchanges(int count) {
        return new SimulatedAgent(baseUrl, udi, hostname, authRequired, pollInterval, afterBye, scheduler, client,
                failures, downloadFiles, count);
    }

    /** @return the device's UDI */
    public Udi udi() {
        return udi;
    }

    /**
     * Runs the agent until the server terminates provisioning or {@link #maxExchanges(int)} work requests were
     * made; cancel to stop it earlier.
     *
     * @return the agent's events, cold: each subscription is a fresh device session
     */
    public Flux<AgentEvent> run() {
        return Flux.defer(() -> new AgentSession(this).events());
    }
}
