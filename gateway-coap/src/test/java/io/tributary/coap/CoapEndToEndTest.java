package io.tributary.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class CoapEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private CoapEndpoint server;
    private CoapClient client;

    @BeforeEach
    void start() {
        server = CoapServer.create().host("::").port(0)
                .route(routes -> routes
                        .get("/hello", request -> Mono.just(CoapResponse.content("hi " + request.queryParam("name"))))
                        .get("/sensors/{id}/temp", request -> Mono.just(
                                CoapResponse.content("temp of " + request.pathVariable("id"))))
                        .post("/items", request -> Mono.just(CoapResponse.of(CoapCode.CREATED)
                                .locationPath("items", "42")))
                        .route(CoapRoute.put("/json").consumes(ContentFormat.JSON).produces(ContentFormat.JSON),
                                request -> Mono.just(CoapResponse.of(CoapCode.CHANGED)))
                        .get("/slow", request -> Mono.delay(Duration.ofMillis(1500))
                                .thenReturn(CoapResponse.content("late")))
                        .get("/async", request -> Mono.fromCallable(() -> CoapResponse.content("async"))
                                .subscribeOn(Schedulers.boundedElastic()))
                        .get("/boom", request -> {
                            throw new IllegalStateException("handler bug");
                        })
                        .get("/empty", request -> Mono.empty()))
                .bindNow(TIMEOUT);
        client = CoapClient.bind().block(TIMEOUT);
    }

    @AfterEach
    void stop() {
        client.dispose();
        server.disposeLater().block(TIMEOUT);
    }

    private URI uri(String host, String path) {
        return URI.create("coap://" + host + ":" + server.port() + path);
    }

    private URI uri(String path) {
        return uri("127.0.0.1", path);
    }

    /** Expects exactly one response, then completion, and checks it. */
    private static void expectResponse(Mono<CoapResponse> exchange, CoapType type, CoapCode code, String payload) {
        StepVerifier.create(exchange)
                .assertNext(response -> {
                    assertThat(response.type()).as("message type on the wire").isEqualTo(type);
                    assertThat(response.code()).isEqualTo(code);
                    assertThat(response.payloadUtf8()).isEqualTo(payload);
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"127.0.0.1", "[::1]"})
    @DisplayName("§5.2.1: a CON GET gets its 2.05 piggybacked on the ACK over IPv4 and IPv6, with Uri-Query access")
    void piggybacked(String host) {
        StepVerifier.create(client.get(uri(host, "/hello?name=ada")))
                .assertNext(response -> {
                    assertThat(response.type()).as("piggybacked on the ACK").isEqualTo(CoapType.ACK);
                    assertThat(response.code()).isEqualTo(CoapCode.CONTENT);
                    assertThat(response.payloadUtf8()).isEqualTo("hi ada");
                    assertThat(response.contentFormat()).isEqualTo(ContentFormat.TEXT_PLAIN);
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    @DisplayName("path variables, 4.04 for unknown paths and 4.05 for unrouted methods")
    void routing() {
        expectResponse(client.get(uri("/sensors/k1/temp")), CoapType.ACK, CoapCode.CONTENT, "temp of k1");
        expectResponse(client.get(uri("/nothing")), CoapType.ACK, CoapCode.NOT_FOUND, "");
        expectResponse(client.delete(uri("/hello")), CoapType.ACK, CoapCode.METHOD_NOT_ALLOWED, "");
    }

    @Test
    @DisplayName("Location-Path in a 2.01 response reaches the client")
    void locationPath() {
        StepVerifier.create(client.post(uri("/items"), "x"))
                .assertNext(created -> {
                    assertThat(created.code()).isEqualTo(CoapCode.CREATED);
                    assertThat(created.options().locationPath()).containsExactly("items", "42");
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    @DisplayName("Content-Format and Accept checks give 4.15 and 4.06")
    void formats() {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        expectResponse(client.put(uri("/json"), json, ContentFormat.JSON), CoapType.ACK, CoapCode.CHANGED, "");
        expectResponse(client.put(uri("/json"), "x"), CoapType.ACK, CoapCode.UNSUPPORTED_CONTENT_FORMAT,
                "text/plain;charset=utf-8 (0) is not accepted here");
        expectResponse(client.accept(ContentFormat.XML).put(uri("/json"), json, ContentFormat.JSON), CoapType.ACK,
                CoapCode.NOT_ACCEPTABLE, "cannot produce application/xml (41)");
    }

    @Test
    @DisplayName("§5.2.2: a slow handler gets an empty ACK first and a separate CON response")
    void separate() {
        expectResponse(client.get(uri("/slow")), CoapType.CON, CoapCode.CONTENT, "late");
    }

    @Test
    @DisplayName("a handler answering on another thread is answered (piggybacked or separate, as its timing falls)")
    void async() {
        StepVerifier.create(client.get(uri("/async")).map(CoapResponse::payloadUtf8))
                .expectNext("async")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    @DisplayName("a handler that throws or answers nothing gives 5.00 and the server keeps serving")
    void handlerErrors() {
        expectResponse(client.get(uri("/boom")), CoapType.ACK, CoapCode.INTERNAL_SERVER_ERROR, "internal error");
        expectResponse(client.get(uri("/empty")), CoapType.ACK, CoapCode.INTERNAL_SERVER_ERROR, "no response");
        expectResponse(client.get(uri("/hello?name=x")), CoapType.ACK, CoapCode.CONTENT, "hi x");
        assertThat(server.stats().responses(5)).isEqualTo(2);
    }

    @Test
    @DisplayName("§5.2.3: NON requests get NON responses")
    void nonConfirmable() {
        expectResponse(client.confirmable(false).get(uri("/hello?name=non")), CoapType.NON, CoapCode.CONTENT,
                "hi non");
    }

    @Test
    @DisplayName("a datagram over the 2,048-byte maximum gets RST instead of being decoded cut short")
    void oversizedDatagram() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            socket.setSoTimeout(10_000);
            for (int size : new int[] {2000, 3000}) {
                byte[] request = new byte[size];
                request[0] = 0x40;                 // CON, no token
                request[1] = (byte) CoapCode.POST.value();
                request[3] = (byte) (size / 1000);
                request[4] = (byte) 0xb5;          // Uri-Path "items"
                System.arraycopy("items".getBytes(StandardCharsets.UTF_8), 0, request, 5, 5);
                request[10] = (byte) 0xff;
                socket.send(new DatagramPacket(request, size, new InetSocketAddress("127.0.0.1", server.port())));
                DatagramPacket answer = new DatagramPacket(new byte[64], 64);
                socket.receive(answer);
                int type = (answer.getData()[0] >> 4) & 0x3;
                assertThat(answer.getData()[3]).isEqualTo((byte) (size / 1000));
                assertThat(type).as("answer to %d bytes: ACK (2) or RST (3)", size).isEqualTo(size == 2000 ? 2 : 3);
            }
        }
        assertThat(server.stats().formatErrors()).isEqualTo(1);
    }

    @Test
    @DisplayName("§4.3: a CoAP ping (empty CON) is answered with RST")
    void ping() {
        StepVerifier.create(client.ping(uri("/"))).expectComplete().verify(TIMEOUT);
        assertThat(server.stats().resetsSent()).isEqualTo(1);
    }

    @Test
    @DisplayName("the same endpoint is server and client on one socket")
    void sameSocket() {
        StepVerifier.create(CoapClient.on(server).get(uri("/hello?name=self")))
                .assertNext(response -> {
                    assertThat(response.payloadUtf8()).isEqualTo("hi self");
                    assertThat(response.peer().getPort()).isEqualTo(server.port());
                })
                .expectComplete()
                .verify(TIMEOUT);
    }
}
