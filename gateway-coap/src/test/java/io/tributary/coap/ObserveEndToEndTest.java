package io.tributary.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.stack.CoapObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** Observe routes and {@link CoapClient#observe} over loopback sockets (RFC 7641). */
class ObserveEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Sinks.Many<CoapResponse> temperatures = Sinks.many().replay().latest();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger cancellations = new AtomicInteger();
    private CoapEndpoint server;
    private CoapClient client;

    @BeforeEach
    void start() {
        temperatures.tryEmitNext(CoapResponse.content("20.0"));
        server = CoapServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .observe(CoapRoute.get("/temp").resourceType("temperature"), request -> temperatures.asFlux()
                                .doOnSubscribe(s -> subscriptions.incrementAndGet())
                                .doOnCancel(cancellations::incrementAndGet))
                        .observe("/large", request -> Flux.just(CoapResponse.content("L".repeat(3000))))
                        .get("/plain", request -> Mono.just(CoapResponse.content("plain"))))
                .bindNow(TIMEOUT);
        client = CoapClient.bind().block(TIMEOUT);
    }

    @AfterEach
    void stop() {
        client.dispose();
        server.disposeLater().block(TIMEOUT);
    }

    private URI uri(String path) {
        return URI.create("coap://127.0.0.1:" + server.port() + path);
    }

    /** A request after the client's deregistration: NSTART 1 makes it wait until the server answered that. */
    private void afterDeregistration() {
        StepVerifier.create(client.get(uri("/plain")).map(CoapResponse::payloadUtf8)).expectNext("plain")
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    @DisplayName("§3-4: the registration's answer, then one notification per state, each with a higher Observe;"
            + " cancelling deregisters and cancels the route's flux")
    void observeAndCancel() {
        StepVerifier.create(client.observe(uri("/temp")))
                .assertNext(first -> {
                    assertThat(first.payloadUtf8()).isEqualTo("20.0");
                    assertThat(first.type()).as("piggybacked").isEqualTo(CoapType.ACK);
                    assertThat(first.observe()).isPositive();
                })
                .then(() -> temperatures.tryEmitNext(CoapResponse.content("21.5")))
                .assertNext(next -> {
                    assertThat(next.payloadUtf8()).isEqualTo("21.5");
                    assertThat(next.type()).as("a CON registration gets CON notifications").isEqualTo(CoapType.CON);
                })
                .thenCancel()
                .verify(TIMEOUT);
        afterDeregistration();
        assertThat(server.stats().observeRelations()).isZero();
        assertThat(cancellations.get()).as("every subscription of the states cancelled").isPositive()
                .isEqualTo(subscriptions.get());
    }

    @Test
    @DisplayName("§4.1: observers of one resource share one subscription of the route's states")
    void sharedSubscription() {
        Flux<String> first = client.observe(uri("/temp")).map(CoapResponse::payloadUtf8);
        Flux<String> second = client.confirmable(false).observe(uri("/temp")).map(CoapResponse::payloadUtf8);
        StepVerifier.create(Flux.merge(first.take(2), second.take(2)))
                .expectNext("20.0", "20.0")
                .then(() -> {
                    assertThat(server.stats().observeRelations()).isEqualTo(2);
                    assertThat(subscriptions).as("one subscription for both observers").hasValue(1);
                    temperatures.tryEmitNext(CoapResponse.content("22.0"));
                })
                .expectNext("22.0", "22.0")
                .expectComplete()
                .verify(TIMEOUT);
        afterDeregistration();
        assertThat(server.stats().observeRelations()).isZero();
        assertThat(cancellations.get()).isEqualTo(subscriptions.get());
        assertThat(server.stats().notifications(true)).isEqualTo(1);
        assertThat(server.stats().notifications(false)).isEqualTo(1);
    }

    @Test
    @DisplayName("§3.2: a 4.04 state ends the observation with CoapResponseException holding it")
    void finalNotification() {
        StepVerifier.create(client.observe(uri("/temp")).map(CoapResponse::payloadUtf8))
                .expectNext("20.0")
                .then(() -> temperatures.tryEmitNext(CoapResponse.error(CoapCode.NOT_FOUND, "sensor removed")))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(CoapResponseException.class,
                        ended -> {
                            assertThat(ended.response().code()).isEqualTo(CoapCode.NOT_FOUND);
                            assertThat(ended.response().payloadUtf8()).isEqualTo("sensor removed");
                        }))
                .verify(TIMEOUT);
        assertThat(server.stats().observeRelations()).isZero();
    }

    @Test
    @DisplayName("RFC 7959 §2.6: a state larger than a block is observed whole")
    void largeState() {
        StepVerifier.create(client.observe(uri("/large")).map(CoapResponse::payloadUtf8).take(1))
                .expectNext("L".repeat(3000))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    @DisplayName("§3.1: observing a resource that is not observable gets its response, then completes")
    void notObservable() {
        StepVerifier.create(client.observe(uri("/plain")).map(CoapResponse::payloadUtf8))
                .expectNext("plain")
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(server.stats().observeRelations()).isZero();
    }

    @Test
    @DisplayName("a plain GET of an observable route gets its current state and leaves no subscription behind")
    void plainGet() {
        StepVerifier.create(client.get(uri("/temp")))
                .assertNext(response -> {
                    assertThat(response.payloadUtf8()).isEqualTo("20.0");
                    assertThat(response.observe()).isEqualTo(-1);
                })
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(subscriptions).hasValue(1);
        assertThat(cancellations).hasValue(1);
    }

    @Test
    @DisplayName("observers(): each relation with its peer, resource, token, the last Observe value it was sent and"
            + " CON or NON; a deregistered one is gone")
    void observersSnapshot() {
        ConnectableFlux<CoapResponse> large = client.confirmable(false).observe(uri("/large")).replay(1);
        ConnectableFlux<CoapResponse> temp = client.observe(uri("/temp")).replay(1);
        Disposable largeHeld = large.connect();
        Disposable tempHeld = temp.connect();
        try {
            CoapResponse largeState = large.next().block(TIMEOUT);
            temp.next().block(TIMEOUT);
            temperatures.tryEmitNext(CoapResponse.content("22.0"));
            CoapResponse tempState = temp.filter(state -> "22.0".equals(state.payloadUtf8())).next().block(TIMEOUT);

            StepVerifier.create(server.observers())
                    .assertNext(observers -> {
                        assertThat(observers).hasSize(2).allSatisfy(observer -> {
                            assertThat(observer.peer().getAddress().isLoopbackAddress()).isTrue();
                            assertThat(observer.peer().getPort()).isEqualTo(client.endpoint().port());
                            assertThat(observer.token()).matches("[0-9a-f]{2,16}");
                            assertThat(observer.age().isNegative()).isFalse();
                        });
                        CoapObserver onTemp = observer(observers, "/temp");
                        assertThat(onTemp.confirmable()).isTrue();
                        assertThat(onTemp.observe()).as("the Observe of the notification the client got")
                                .isEqualTo(tempState.observe());
                        CoapObserver onLarge = observer(observers, "/large");
                        assertThat(onLarge.confirmable()).isFalse();
                        assertThat(onLarge.observe()).isEqualTo(largeState.observe());
                        assertThat(onLarge.token()).isNotEqualTo(onTemp.token());
                    })
                    .expectComplete().verify(TIMEOUT);

            tempHeld.dispose();
            afterDeregistration();
            StepVerifier.create(server.observers().map(observers -> observers.stream().map(CoapObserver::resource)
                            .toList()))
                    .expectNext(List.of("/large"))
                    .expectComplete().verify(TIMEOUT);
        } finally {
            largeHeld.dispose();
            tempHeld.dispose();
        }
    }

    private static CoapObserver observer(List<CoapObserver> observers, String resource) {
        return observers.stream().filter(observer -> resource.equals(observer.resource())).findFirst().orElseThrow();
    }
}
