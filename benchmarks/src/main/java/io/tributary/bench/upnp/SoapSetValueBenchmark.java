package io.tributary.bench.upnp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.upnp.UpnpAdapter;
import io.tributary.upnp.UpnpConfig;
import io.tributary.upnp.discovery.DiscoveryConfig;
import io.tributary.upnp.ssdp.SsdpConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * SOAP {@code SetValue} requests per second against the gateway's topics service (hardened XML reading, SCPD
 * argument checks, a retained router publish, the response envelope) side by side with a bare Reactor Netty
 * {@link HttpServer} that reads each body and answers the same canned response: the ceiling. A Reactor Netty client
 * keeps a fixed number of requests in flight over a pool of as many connections. Rounds alternate between the two;
 * round 1 is warm-up.
 *
 * <p>Arguments (all optional): seconds per round (5), requests in flight (64), rounds (6), gateway port (19484),
 * ceiling port (19485).
 */
public final class SoapSetValueBenchmark {

    private static final String TOPICS = "urn:tributary-io:service:Topics:1";
    private static final byte[] RESPONSE = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<s:Envelope"
            + " xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:SetValueResponse"
            + " xmlns:u=\"" + TOPICS + "\"></u:SetValueResponse></s:Body></s:Envelope>")
            .getBytes(StandardCharsets.UTF_8);

    private SoapSetValueBenchmark() {
    }

    /**
     * @param args see the class description
     */
    public static void main(String[] args) {
        int seconds = arg(args, 0, 5);
        int inFlight = arg(args, 1, 64);
        int rounds = arg(args, 2, 6);
        int gatewayPort = arg(args, 3, 19484);
        int ceilingPort = arg(args, 4, 19485);
        RunningGateway gateway = Gateway.create().host("127.0.0.1").port(gatewayPort)
                .adapter(UpnpAdapter.create(UpnpConfig.defaults().with(UpnpConfig.SSDP, SsdpConfig.ENABLED, false)
                        .with(UpnpConfig.DISCOVERY, DiscoveryConfig.ENABLED, false)))
                .start().block(Duration.ofSeconds(10));
        DisposableServer ceiling = HttpServer.create().host("127.0.0.1").port(ceilingPort)
                .route(routes -> routes.post("/upnp/control/topics", (request, response) -> request.receive()
                        .aggregate().asByteArray().then(response.header("Content-Type", "text/xml; charset=\"utf-8\"")
                                .header("Content-Length", String.valueOf(RESPONSE.length))
                                .sendByteArray(Mono.just(RESPONSE)).then())))
                .bindNow();
        ConnectionProvider provider = ConnectionProvider.builder("soap-bench").maxConnections(inFlight)
                .pendingAcquireMaxCount(-1).build();
        HttpClient client = HttpClient.create(provider).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .responseTimeout(Duration.ofSeconds(10));
        try {
            List<Double> ratios = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            List<Double> top = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double gatewayRate = load(client, gatewayPort, seconds, inFlight);
                double ceilingRate = load(client, ceilingPort, seconds, inFlight);
                System.out.printf("round %d: gateway %,.0f SetValue/s, bare HttpServer %,.0f/s, ratio %.0f %%%s%n",
                        round + 1, gatewayRate, ceilingRate, 100 * gatewayRate / ceilingRate,
                        round == 0 ? " (warm-up)" : "");
                if (round > 0) {
                    ours.add(gatewayRate);
                    top.add(ceilingRate);
                    ratios.add(100 * gatewayRate / ceilingRate);
                }
            }
            System.out.printf("median: gateway %,.0f SetValue/s, ceiling %,.0f/s; median of the per-round ratios"
                    + " %.0f %% (goal >= 60 %%)%n", median(ours), median(top), median(ratios));
        } finally {
            gateway.stop().block(Duration.ofSeconds(20));
            ceiling.disposeNow(Duration.ofSeconds(5));
            provider.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    /** SetValue requests per second to one port, {@code inFlight} at a time, for the given seconds. */
    private static double load(HttpClient client, int port, int seconds, int inFlight) {
        String url = "http://127.0.0.1:" + port + "/upnp/control/topics";
        long started = System.nanoTime();
        Long done = Flux.range(0, Integer.MAX_VALUE)
                .flatMap(i -> client.headers(h -> h.set("Content-Type", "text/xml; charset=\"utf-8\"")
                                .set("SOAPACTION", "\"" + TOPICS + "#SetValue\""))
                        .post().uri(url)
                        .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(request(i))))
                        .responseSingle((response, body) -> body.asByteArray().map(bytes -> {
                            if (response.status().code() != 200) {
                                throw new IllegalStateException("answered " + response.status());
                            }
                            return bytes.length;
                        })), inFlight)
                .take(Duration.ofSeconds(seconds))
                .count()
                .block(Duration.ofSeconds(seconds + 30L));
        return done / ((System.nanoTime() - started) / 1e9);
    }

    private static byte[] request(int value) {
        return ("<?xml version=\"1.0\"?>\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:SetValue xmlns:u=\""
                + TOPICS + "\"><Topic>bench/value</Topic><Value>" + value + "</Value></u:SetValue></s:Body>"
                + "</s:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
