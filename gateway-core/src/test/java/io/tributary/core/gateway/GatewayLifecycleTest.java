package io.tributary.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

class GatewayLifecycleTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private RunningGateway running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.stop().block(Duration.ofSeconds(10));
        }
    }

    private Adapter recording(String name) {
        return new Adapter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Mono<Void> start(GatewayContext context) {
                return Mono.fromRunnable(() -> events.add("start " + name));
            }

            @Override
            public Mono<Void> stop() {
                return Mono.fromRunnable(() -> events.add("stop " + name));
            }
        };
    }

    private Adapter failing(String name) {
        return new Adapter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Mono<Void> start(GatewayContext context) {
                events.add("start " + name);
                return Mono.error(new IllegalStateException("port 5683 in use"));
            }

            @Override
            public Mono<Void> stop() {
                return Mono.fromRunnable(() -> events.add("stop " + name));
            }
        };
    }

    @Test
    @DisplayName("adapters start in order and stop in reverse order")
    void order() {
        running = Gateway.create().port(0).host("127.0.0.1")
                .adapter(recording("a")).adapter(recording("b")).adapter(recording("c"))
                .start().block(Duration.ofSeconds(10));
        assertThat(running.ready()).isTrue();
        StepVerifier.create(running.stop()).expectComplete().verify(Duration.ofSeconds(10));
        assertThat(events).containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
        assertThat(running.adapterStates()).containsValues(AdapterState.STOPPED);
        running = null;
    }

    @Test
    @DisplayName("a failed start stops the adapters already started, in reverse, and names the failed one")
    void rollback() {
        StepVerifier.create(Gateway.create().port(0).host("127.0.0.1")
                        .adapter(recording("a")).adapter(recording("b")).adapter(failing("coap"))
                        .adapter(recording("never")).start())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(GatewayStartException.class)
                        .hasMessageContaining("'coap'").hasMessageContaining("port 5683 in use")
                        .extracting(x -> ((GatewayStartException) x).component()).isEqualTo("coap"))
                .verify(Duration.ofSeconds(10));
        assertThat(events).containsExactly("start a", "start b", "start coap", "stop b", "stop a");
    }

    @Test
    @DisplayName("adapter names must be unique")
    void uniqueNames() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Gateway.create().adapter(recording("a")).adapter(recording("a")))
                .withMessageContaining("'a'");
    }

    @Test
    @DisplayName("/health/ready is 503 naming the adapter still starting, then 200; /health/live is 200 throughout")
    void readiness() {
        Sinks.Empty<Void> release = Sinks.empty();
        Sinks.One<RunningGateway> context = Sinks.one();
        Adapter slow = new Adapter() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public Mono<Void> start(GatewayContext gatewayContext) {
                context.tryEmitValue((RunningGateway) gatewayContext);
                return release.asMono();
            }

            @Override
            public Mono<Void> stop() {
                return Mono.empty();
            }
        };
        Mono<RunningGateway> starting = Gateway.create().port(0).host("127.0.0.1").adapter(recording("fast"))
                .adapter(slow).start().cache();
        starting.subscribe();
        RunningGateway early = context.asMono().block(Duration.ofSeconds(10));
        HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + early.httpAddress().getPort());

        assertThat(get(client, "/health/live")).startsWith("200 ").contains("\"UP\"");
        assertThat(get(client, "/health/ready")).startsWith("503 ").contains("\"notReady\":[\"slow\"]")
                .contains("\"slow\":\"STARTING\"").contains("\"fast\":\"STARTED\"");

        release.tryEmitEmpty();
        running = starting.block(Duration.ofSeconds(10));
        assertThat(get(client, "/health/ready")).startsWith("200 ").contains("\"READY\"");
        assertThat(get(client, "/nothing/here")).startsWith("404 ");
    }

    @Test
    @DisplayName("/health/ready is 503 naming a started adapter that says it is not ready, 200 once it is")
    void startedButNotReady() {
        AtomicBoolean upstream = new AtomicBoolean();
        Adapter bridge = new Adapter() {
            @Override
            public String name() {
                return "bridge";
            }

            @Override
            public Mono<Void> start(GatewayContext gatewayContext) {
                return Mono.empty();
            }

            @Override
            public Mono<Void> stop() {
                return Mono.empty();
            }

            @Override
            public boolean ready() {
                return upstream.get();
            }
        };
        running = Gateway.create().port(0).host("127.0.0.1").adapter(recording("fast")).adapter(bridge).start()
                .block(Duration.ofSeconds(10));
        HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + running.httpAddress().getPort());

        assertThat(running.notReady()).containsExactly("bridge");
        assertThat(get(client, "/health/ready")).startsWith("503 ").contains("\"notReady\":[\"bridge\"]")
                .contains("\"bridge\":\"STARTED\"");
        upstream.set(true);
        assertThat(running.ready()).isTrue();
        assertThat(get(client, "/health/ready")).startsWith("200 ").contains("\"notReady\":[]");
    }

    @Test
    @DisplayName("routes contributed by an adapter are served and withdrawn when disposed")
    void dynamicRoutes() {
        running = Gateway.create().port(0).host("127.0.0.1").start().block(Duration.ofSeconds(10));
        HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + running.httpAddress().getPort());
        var registration = running.http().route(routes -> routes.get("/hello",
                (req, res) -> res.sendString(Mono.just("hi")).then()));
        assertThat(get(client, "/hello")).isEqualTo("200 hi");
        registration.dispose();
        assertThat(get(client, "/hello")).startsWith("404 ");
    }

    @Test
    @DisplayName("a port already in use fails the start with the listener named")
    void httpBindFailure() {
        running = Gateway.create().port(0).host("127.0.0.1").start().block(Duration.ofSeconds(10));
        int taken = running.httpAddress().getPort();
        StepVerifier.create(Gateway.create().port(taken).host("127.0.0.1").adapter(recording("a")).start())
                .expectErrorSatisfies(e -> assertThat(((GatewayStartException) e).component()).isEqualTo("http"))
                .verify(Duration.ofSeconds(10));
        assertThat(events).isEmpty();
    }

    private static String get(HttpClient client, String path) {
        return client.get().uri(path).responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> response.status().code() + " " + text))
                .block(Duration.ofSeconds(10));
    }

}
