package io.tributary.bench.soak;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

import io.netty.handler.codec.http.HttpMethod;
import io.tributary.bench.upnp.NotifyReceiver;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.message.CoapCode;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.sim.AgentEvent;
import io.tributary.pnp.sim.SimulatedAgent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * A soak of the shipped gateway ({@code java -jar tributary.jar run}, a child process on loopback) under the three
 * protocols at once, bounded in time: CoAP PUTs and GETs of {@code /ps/soak/*} at a steady rate, simulated PnP
 * agents polling (a rule of one cli-exec step, then a 10 s backoff at every poll), and GENA subscribers of the topics
 * service renewing their subscriptions. Every 10 s it prints the gateway's heap after a full GC, RSS, threads, file
 * descriptors and the error counts; at the end, the drift of heap and RSS from minute 2 on, and the totals.
 *
 * <p>{@code java -cp benchmarks.jar io.tributary.bench.soak.SoakRunner [minutes=30] [coap-per-second=20]
 * [agents=1000] [subscribers=100] [jar=gateway-app/target/tributary.jar]}
 */
public final class SoakRunner {

    private static final int HTTP_PORT = 18581;
    private static final int COAP_PORT = 18583;
    private static final int TOPICS = 50;

    private SoakRunner() {
    }

    /**
     * @param args minutes, CoAP requests per second, agents, subscribers, jar
     * @throws Exception if the gateway cannot start
     */
    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int coapRate = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int agents = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int subscribers = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        Path jar = Path.of(args.length > 4 ? args[4] : "gateway-app/target/tributary.jar");
        Hooks.onErrorDropped(error -> { });
        Path dir = Files.createTempDirectory("soak");
        Path config = Files.writeString(dir.resolve("soak.yaml"), """
                http: {host: 127.0.0.1, port: %d}
                coap: {host: 127.0.0.1, port: %d}
                # every subscriber calls from 127.0.0.1: lift the per-requester cap (64) above their number
                upnp: {publisher: {max-subscriptions-per-requester: %d}}
                pnp:
                  data-dir: %s
                  rules:
                    - {name: soak, steps: [{service: cli-exec, command: show clock}], finish: backoff, backoff: 10s}
                """.formatted(HTTP_PORT, COAP_PORT, Math.max(64, subscribers), dir.resolve("pnp")));
        Counters counters = new Counters();
        List<Disposable> load = new ArrayList<>();
        System.out.printf("soak: %d min, CoAP %d PUT+GET/s on %d topics, %d PnP agents, %d GENA subscribers%n",
                minutes, coapRate, TOPICS, agents, subscribers);
        try (GatewayProcess gateway = GatewayProcess.start(jar, config, dir.resolve("gateway.log"));
             NotifyReceiver notifies = new NotifyReceiver(0, subscribers)) {
            CoapClient coap = CoapClient.bind().block(Duration.ofSeconds(10));
            load.add(coapLoad(coap, coapRate, counters));
            load.add(agents(agents, counters));
            load.add(subscriptions(notifies, subscribers, counters));
            List<Sample> samples = new ArrayList<>();
            System.out.println("  time   heap-after-gc      rss  threads  fds   coap-ok coap-err  pnp-ok pnp-err"
                    + "  notify  seq-gaps sub-err");
            long start = System.nanoTime();
            for (int tick = 1; tick <= minutes * 6; tick++) {
                pause(start + tick * 10_000_000_000L);
                Sample sample = new Sample(tick * 10, gateway.heapAfterGc(), gateway.rss(), gateway.threads(),
                        gateway.fileDescriptors());
                samples.add(sample);
                System.out.printf("%5ds %12s %10s %8d %4d %9d %8d %7d %7d %8d %8d %7d%n", sample.seconds,
                        mib(sample.heap), mib(sample.rss), sample.threads, sample.fds, counters.coapOk.sum(),
                        counters.coapErrors.sum(), counters.pnpOk.sum(), counters.pnpErrors.sum(),
                        notifies.received(), notifies.outOfOrder(), counters.subscribeErrors.sum());
            }
            load.forEach(Disposable::dispose);
            coap.dispose();
            summary(samples, counters, notifies, gateway.log());
        } finally {
            load.forEach(Disposable::dispose);
        }
    }

    /** PUT then GET of one topic per tick, in turn over the topics; a GET must read what the PUT wrote. */
    private static Disposable coapLoad(CoapClient coap, int rate, Counters counters) {
        String base = "coap://127.0.0.1:" + COAP_PORT + "/ps/soak/t";
        return Flux.interval(Duration.ofNanos(1_000_000_000L / rate))
                // A tick that comes while the previous PUT+GET is still out is skipped and counted, not queued.
                .onBackpressureDrop(tick -> counters.coapSkipped.increment())
                .concatMap(tick -> {
                    URI topic = URI.create(base + (tick % TOPICS));
                    String value = String.valueOf(tick);
                    return coap.put(topic, value).then(coap.get(topic))
                            .doOnNext(read -> count(read, value, counters))
                            .onErrorResume(failure -> {
                                counters.coapErrors.increment();
                                return Mono.empty();
                            });
                }, 1)
                .subscribe();
    }

    private static void count(CoapResponse read, String expected, Counters counters) {
        if (read.code().equals(CoapCode.CONTENT) && read.payloadUtf8().equals(expected)) {
            counters.coapOk.increment();
        } else {
            counters.coapErrors.increment();
        }
    }

    private static Disposable agents(int count, Counters counters) {
        String base = "http://127.0.0.1:" + HTTP_PORT;
        return Flux.range(0, count)
                .flatMap(i -> SimulatedAgent.create(base, new Udi("WS-C2960X-48FPD-L", "V02",
                        String.format("SOAK%06d", i))).maxExchanges(Integer.MAX_VALUE).run(), count)
                .subscribe(event -> {
                    if (event.kind() == AgentEvent.Kind.ERROR) {
                        counters.pnpErrors.increment();
                    } else if (event.kind() == AgentEvent.Kind.WAITING) {
                        counters.pnpOk.increment();
                    }
                });
    }

    /** Subscribes every subscriber, then renews each one every 15 minutes (half its 1800 s grant). */
    private static Disposable subscriptions(NotifyReceiver notifies, int count, Counters counters) {
        HttpClient http = HttpClient.create().baseUrl("http://127.0.0.1:" + HTTP_PORT);
        return Flux.range(0, count)
                .flatMap(index -> subscribe(http, notifies.url(index))
                        .flatMapMany(sid -> Flux.interval(Duration.ofMinutes(15))
                                .concatMap(tick -> renew(http, sid)))
                        .onErrorResume(failure -> {
                            counters.subscribeErrors.increment();
                            return Mono.empty();
                        }), count)
                .subscribe();
    }

    private static Mono<String> subscribe(HttpClient http, String callback) {
        return http.headers(h -> h.set("NT", "upnp:event").set("TIMEOUT", "Second-1800")
                        .set("CALLBACK", "<" + callback + ">"))
                .request(HttpMethod.valueOf("SUBSCRIBE")).uri("/upnp/event/topics")
                .response().map(response -> {
                    if (response.status().code() != 200) {
                        throw new IllegalStateException("SUBSCRIBE answered " + response.status());
                    }
                    return response.responseHeaders().get("SID");
                });
    }

    private static Mono<String> renew(HttpClient http, String sid) {
        return http.headers(h -> h.set("SID", sid).set("TIMEOUT", "Second-1800"))
                .request(HttpMethod.valueOf("SUBSCRIBE")).uri("/upnp/event/topics")
                .response().map(response -> {
                    if (response.status().code() != 200) {
                        throw new IllegalStateException("renewal answered " + response.status());
                    }
                    return sid;
                });
    }

    private static void summary(List<Sample> samples, Counters counters, NotifyReceiver notifies, String log) {
        List<Sample> settled = samples.stream().filter(sample -> sample.seconds >= 120).toList();
        if (!settled.isEmpty()) {
            System.out.printf("from minute 2 to the end: heap after GC %s .. %s (spread %.1f %%), RSS %s .. %s"
                            + " (spread %.1f %%); goal: within 10 %%%n",
                    mib(min(settled, Sample::heap)), mib(max(settled, Sample::heap)),
                    spread(settled, Sample::heap), mib(min(settled, Sample::rss)), mib(max(settled, Sample::rss)),
                    spread(settled, Sample::rss));
        }
        long gatewayErrors = log.lines().filter(line -> line.contains(" ERROR ")).count();
        System.out.printf("errors: CoAP %d, PnP %d, SUBSCRIBE %d, gateway log ERROR lines %d; NOTIFY SEQ gaps %d"
                        + " (goal: all 0)%n", counters.coapErrors.sum(), counters.pnpErrors.sum(),
                counters.subscribeErrors.sum(), gatewayErrors, notifies.outOfOrder());
        System.out.printf("done: CoAP PUT+GET %d (ticks skipped while one was out: %d), PnP polls answered %d,"
                + " NOTIFY received %d%n", counters.coapOk.sum(), counters.coapSkipped.sum(), counters.pnpOk.sum(),
                notifies.received());
    }

    private static long min(List<Sample> samples, ToLongFunction<Sample> value) {
        return samples.stream().mapToLong(value).min().orElse(0);
    }

    private static long max(List<Sample> samples, ToLongFunction<Sample> value) {
        return samples.stream().mapToLong(value).max().orElse(0);
    }

    private static double spread(List<Sample> samples, ToLongFunction<Sample> value) {
        long low = min(samples, value);
        return low == 0 ? 0 : 100.0 * (max(samples, value) - low) / low;
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    /** The soak's own pacing, in its main thread only (never in protocol code). */
    private static void pause(long untilNanos) {
        long remaining = untilNanos - System.nanoTime();
        if (remaining > 0) {
            Mono.delay(Duration.ofNanos(remaining)).block();
        }
    }

    private static final class Counters {
        final LongAdder coapOk = new LongAdder();
        final LongAdder coapErrors = new LongAdder();
        final LongAdder coapSkipped = new LongAdder();
        final LongAdder pnpOk = new LongAdder();
        final LongAdder pnpErrors = new LongAdder();
        final LongAdder subscribeErrors = new LongAdder();
    }

    private record Sample(long seconds, long heap, long rss, long threads, long fds) {
    }
}
