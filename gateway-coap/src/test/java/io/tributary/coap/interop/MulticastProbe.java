package io.tributary.coap.interop;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapConfig;
import io.tributary.coap.stack.StackConfig;
import io.tributary.core.config.Settings;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapServer;
import reactor.core.publisher.Mono;

/**
 * Run by {@link MulticastNamespaceTest} inside a fresh network namespace: two servers share port 5683 and join
 * 224.0.1.187 on the loopback, a client collects the multicast responses, and the outcome is printed as
 * {@code key=value} lines. Requests counted: two per multicast GET (one per server) plus the unicast one.
 */
public final class MulticastProbe {

    private MulticastProbe() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        Settings quick = CoapConfig.defaults().with(CoapConfig.PROTOCOL, StackConfig.DEFAULT_LEISURE, Duration.ofMillis(300));
        CoapEndpoint first = server("one", 5683, quick);
        CoapEndpoint second = server("two", 5683, quick);
        CoapClient client = CoapClient.bind().block(Duration.ofSeconds(10));
        List<String> found = client.multicast(URI.create("coap://224.0.1.187:5683/id"), Duration.ofSeconds(2))
                .map(CoapResponse::payloadUtf8).sort().collectList().block(Duration.ofSeconds(10));
        List<CoapResponse> errors = client.multicast(URI.create("coap://224.0.1.187:5683/missing"),
                Duration.ofSeconds(1)).collectList().block(Duration.ofSeconds(10));
        String unicast = client.get(URI.create("coap://127.0.0.1:5683/id")).block(Duration.ofSeconds(10))
                .payloadUtf8();
        System.out.println("multicast=" + found.stream().collect(Collectors.joining(",")));
        System.out.println("multicastErrors=" + errors.size());
        System.out.println("unicast=" + unicast);
        System.out.println("requests=" + (first.stats().requests() + second.stats().requests()));
        System.exit(0);
    }

    private static CoapEndpoint server(String name, int port, Settings config) {
        return CoapServer.create().config(config).host("0.0.0.0").port(port)
                .multicast(CoapServer.ALL_COAP_NODES_IPV4).multicastInterface("lo")
                .route(routes -> routes.get("/id", request -> Mono.just(
                        CoapResponse.content(name + (request.multicast() ? ":multicast" : ":unicast")))))
                .bindNow(Duration.ofSeconds(10));
    }
}
