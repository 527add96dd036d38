package io.tributary.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tributary.coap.message.CoapCode;
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
                .bindNow(Duration.ofSeconds(10));
        client = CoapClient.bind().block(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        client.dispose();
        server.disposeLater().block(Duration.ofSeconds(10));
    }

    private URI uri(String host, String path) {
        return URI.create("coap://" + host + ":" + server.port() + path);
    }

    private CoapResponse get(String path) {
        return client.get(uri("127.0.0.1", path)).block(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"127.0.0.1", "[::1]"})
    @DisplayName("a CON GET gets its piggybacked 2.05 over IPv4 and IPv6, with Uri-Query access")
    void piggybacked(String host) {
        CoapResponse response = client.get(uri(host, "/hello?name=ada")).block(Duration.ofSeconds(10));
        assertThat(response.code()).isEqualTo(CoapCode.CONTENT);
        assertThat(response.payloadUtf8()).isEqualTo("hi ada");
        assertThat(response.contentFormat()).isEqualTo(ContentFormat.TEXT_PLAIN);
    }

    @Test
    @DisplayName("path variables, 4.04 for unknown paths and 4.05 for unrouted methods")
    void routing() {
        assertThat(get("/sensors/k1/temp").payloadUtf8()).isEqualTo("temp of k1");
        assertThat(get("/nothing").code()).isEqualTo(CoapCode.NOT_FOUND);
        assertThat(client.delete(uri("127.0.0.1", "/hello")).block(Duration.ofSeconds(10)).code())
                .isEqualTo(CoapCode.METHOD_NOT_ALLOWED);
    }

    @Test
    @DisplayName("Location-Path in a 2.01 response reaches the client")
    void locationPath() {
        CoapResponse created = client.post(uri("127.0.0.1", "/items"), "x".getBytes(StandardCharsets.UTF_8),
                ContentFormat.TEXT_PLAIN).block(Duration.ofSeconds(10));
        assertThat(created.code()).isEqualTo(CoapCode.CREATED);
        assertThat(created.options().locationPath()).containsExactly("items", "42");
    }

    @Test
    @DisplayName("Content-Format and Accept checks give 4.15 and 4.06")
    void formats() {
        assertThat(client.put(uri("127.0.0.1", "/json"), "{}".getBytes(StandardCharsets.UTF_8), ContentFormat.JSON)
                .block(Duration.ofSeconds(10)).code()).isEqualTo(CoapCode.CHANGED);
        assertThat(client.put(uri("127.0.0.1", "/json"), "x".getBytes(StandardCharsets.UTF_8),
                ContentFormat.TEXT_PLAIN).block(Duration.ofSeconds(10)).code())
                .isEqualTo(CoapCode.UNSUPPORTED_CONTENT_FORMAT);
        assertThat(client.accept(ContentFormat.XML).put(uri("127.0.0.1", "/json"),
                "{}".getBytes(StandardCharsets.UTF_8), ContentFormat.JSON).block(Duration.ofSeconds(10)).code())
                .isEqualTo(CoapCode.NOT_ACCEPTABLE);
    }

    @Test
    @DisplayName("a slow handler gets an empty ACK first and a separate CON response (RFC 7252 §5.2.2)")
    void separate() {
        assertThat(get("/slow").payloadUtf8()).isEqualTo("late");
        assertThat(get("/async").payloadUtf8()).isEqualTo("async");
    }

    @Test
    @DisplayName("a handler that throws or answers nothing gives 5.00 and the server keeps serving")
    void handlerErrors() {
        assertThat(get("/boom").code()).isEqualTo(CoapCode.INTERNAL_SERVER_ERROR);
        assertThat(get("/empty").code()).isEqualTo(CoapCode.INTERNAL_SERVER_ERROR);
        assertThat(get("/hello?name=x").code()).isEqualTo(CoapCode.CONTENT);
        assertThat(server.stats().responses(5)).isEqualTo(2);
    }

    @Test
    @DisplayName("NON requests get NON responses")
    void nonConfirmable() {
        CoapResponse response = client.confirmable(false).get(uri("127.0.0.1", "/hello?name=non"))
                .block(Duration.ofSeconds(10));
        assertThat(response.payloadUtf8()).isEqualTo("hi non");
    }

    @Test
    @DisplayName("a datagram over the 2,048-byte maximum gets RST instead of being decoded cut short")
    void oversizedDatagram() throws Exception {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            socket.setSoTimeout(10_000);
            for (int size : new int[] {2000, 3000}) {
                byte[] request = new byte[size];
                request[0] = 0x40;                 // CON, no token
                request[1] = CoapCode.POST;
                request[3] = (byte) (size / 1000);
                request[4] = (byte) 0xb5;          // Uri-Path "items"
                System.arraycopy("items".getBytes(StandardCharsets.UTF_8), 0, request, 5, 5);
                request[10] = (byte) 0xff;
                socket.send(new java.net.DatagramPacket(request, size,
                        new java.net.InetSocketAddress("127.0.0.1", server.port())));
                java.net.DatagramPacket answer = new java.net.DatagramPacket(new byte[64], 64);
                socket.receive(answer);
                int type = (answer.getData()[0] >> 4) & 0x3;
                assertThat(answer.getData()[3]).isEqualTo((byte) (size / 1000));
                assertThat(type).as("answer to %d bytes: ACK (2) or RST (3)", size).isEqualTo(size == 2000 ? 2 : 3);
            }
        }
        assertThat(server.stats().formatErrors()).isEqualTo(1);
    }

    @Test
    @DisplayName("a CoAP ping (empty CON) is answered with RST")
    void ping() {
        StepVerifier.create(client.ping(uri("127.0.0.1", "/"))).verifyComplete();
        assertThat(server.stats().resetsSent()).isEqualTo(1);
    }

    @Test
    @DisplayName("the same endpoint is server and client on one socket")
    void sameSocket() {
        CoapResponse response = server.client().get(uri("127.0.0.1", "/hello?name=self"))
                .block(Duration.ofSeconds(10));
        assertThat(response.payloadUtf8()).isEqualTo("hi self");
        assertThat(response.peer().getPort()).isEqualTo(server.port());
    }
}
