package io.tributary.coap.plugtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapConfig;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapServer;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.BlockOption;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapCodec;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapMethod;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.stack.ObserveCancel;
import io.tributary.coap.stack.StackConfig;
import io.tributary.coap.plugtest.TdClient.Reply;
import io.tributary.coap.plugtest.TdClient.Req;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The ETSI CoAP#4 test descriptions against {@link PlugtestServer} on loopback, each run with our client and
 * with Californium 3.14's. Observed resources change on virtual time. TD_COAP_CORE_14/15 (lossy context) and
 * TD_COAP_OBS_04/05 (dead observer, Max-Age) are exercised at stack level on a virtual wire instead
 * ({@code LossyLinkTest}, {@code ObserveLossyLinkTest}, {@code ObserveLayerTest}, {@code ClientObservationTest}).
 */
class PlugtestTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PERIOD = Duration.ofSeconds(5);

    private VirtualTimeScheduler time;
    private CoapEndpoint server;
    private TdClient client;
    /** A second client changing resources while the one under test observes them. */
    private TdClient other;

    static Stream<String> clients() {
        return Stream.of("tributary", "californium");
    }

    @BeforeEach
    void start() {
        time = VirtualTimeScheduler.create();
        server = CoapServer.create()
                // Any handler that does not answer at once gets the empty ACK at once: /separate is separate.
                .config(CoapConfig.defaults().with(CoapConfig.PROTOCOL,
                        StackConfig.SEPARATE_RESPONSE_DELAY, Duration.ZERO))
                .host("127.0.0.1").port(0)
                .route(PlugtestServer.create().period(PERIOD).separateDelay(Duration.ofSeconds(2)).scheduler(time)
                        ::declare)
                .bindNow(TIMEOUT);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (other != null) {
            other.close();
        }
        server.disposeLater().block(TIMEOUT);
        time.dispose();
    }

    private String base() {
        return "coap://127.0.0.1:" + server.port();
    }

    private TdClient client(String kind) {
        client = kind.equals("tributary") ? new TdClient.Ours(CoapClient.bind().block(TIMEOUT), base())
                : new TdClient.Californium(base());
        return client;
    }

    private TdClient other() {
        if (other == null) {
            other = new TdClient.Ours(CoapClient.bind().block(TIMEOUT), base());
        }
        return other;
    }

    private static void expect(Mono<Reply> exchange, Consumer<Reply> check) {
        StepVerifier.create(exchange).assertNext(check).expectComplete().verify(TIMEOUT);
    }

    /**
     * The exchange while the virtual clock moves a second every few milliseconds: the server's handler schedules
     * its delay only once the request arrived, which the test cannot tell.
     */
    private <T> Mono<T> whileTimePasses(Mono<T> exchange) {
        return Mono.usingWhen(Mono.fromSupplier(() -> Flux.interval(Duration.ofMillis(5))
                        .subscribe(tick -> time.advanceTimeBy(Duration.ofSeconds(1)))),
                ticking -> exchange, ticking -> Mono.fromRunnable(ticking::dispose));
    }

    private static Req get(String path) {
        return Req.of(CoapMethod.GET, path);
    }

    @Nested
    class Core {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_CORE_01-04: CON GET, DELETE, PUT, POST on /test are answered piggybacked: 2.05, 2.02,"
                + " 2.04, 2.01")
        void confirmableMethods(String kind) {
            TdClient td = client(kind);
            expect(td.send(get("/test")), reply -> {
                assertThat(reply.code()).isEqualTo(CoapCode.CONTENT);
                assertThat(reply.type()).isEqualTo(CoapType.ACK);
                assertThat(reply.text()).startsWith("Type: CON, Code: GET");
            });
            expect(td.send(Req.of(CoapMethod.DELETE, "/test")), reply -> assertThat(reply.code())
                    .isEqualTo(CoapCode.DELETED));
            expect(td.send(Req.of(CoapMethod.PUT, "/test").body("x".getBytes(), ContentFormat.TEXT_PLAIN)),
                    reply -> assertThat(reply.code()).isEqualTo(CoapCode.CHANGED));
            expect(td.send(Req.of(CoapMethod.POST, "/test").body("x".getBytes(), ContentFormat.TEXT_PLAIN)),
                    reply -> assertThat(reply.code()).isEqualTo(CoapCode.CREATED));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_CORE_05-08: NON GET, DELETE, PUT, POST on /test are answered with NON")
        void nonConfirmableMethods(String kind) {
            TdClient td = client(kind);
            expect(td.send(get("/test").non()), reply -> {
                assertThat(reply.type()).isEqualTo(CoapType.NON);
                assertThat(reply.text()).startsWith("Type: NON, Code: GET");
            });
            expect(td.send(Req.of(CoapMethod.DELETE, "/test").non()), reply -> assertThat(reply.type())
                    .isEqualTo(CoapType.NON));
            for (CoapMethod method : List.of(CoapMethod.PUT, CoapMethod.POST)) {
                expect(td.send(Req.of(method, "/test").non().body("x".getBytes(), ContentFormat.TEXT_PLAIN)),
                        reply -> assertThat(reply.type()).isEqualTo(CoapType.NON));
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_CORE_09 and 16: a slow GET of /separate gets an empty ACK, then a separate CON response")
        void separate(String kind) {
            TdClient td = client(kind);
            expect(whileTimePasses(td.send(get("/separate"))), reply -> {
                assertThat(reply.type()).isEqualTo(CoapType.CON);
                assertThat(reply.text()).startsWith("separate Type: CON");
            });
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_CORE_17: a NON GET of /separate gets a NON response later")
        void separateNon(String kind) {
            TdClient td = client(kind);
            expect(whileTimePasses(td.send(get("/separate").non())),
                    reply -> assertThat(reply.type()).isEqualTo(CoapType.NON));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_CORE_12 and 13: several Uri-Path options, several Uri-Query options")
        void pathAndQuery(String kind) {
            TdClient td = client(kind);
            expect(td.send(get("/seg1/seg2/seg3")), reply -> assertThat(reply.text()).isEqualTo("seg3"));
            expect(td.send(get("/query?first=1&second=2")), reply -> assertThat(reply.text())
                    .isEqualTo("first=1&second=2"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_CORE_18 and 19: 2.01 with Location-Path, and with Location-Query")
        void locations(String kind) {
            TdClient td = client(kind);
            expect(td.send(Req.of(CoapMethod.POST, "/test").body("x".getBytes(), ContentFormat.TEXT_PLAIN)),
                    reply -> assertThat(reply.options().locationPath())
                            .containsExactly("location1", "location2", "location3"));
            expect(td.send(Req.of(CoapMethod.POST, "/location-query").body("x".getBytes(), ContentFormat.TEXT_PLAIN)),
                    reply -> assertThat(reply.options().strings(CoapOption.LOCATION_QUERY))
                            .containsExactly("first=1", "second=2"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_CORE_20: /multi-format answers in the format Accept names")
        void accept(String kind) {
            TdClient td = client(kind);
            expect(td.send(get("/multi-format").option(CoapOption.ACCEPT, new byte[] {0})), reply -> {
                assertThat(reply.options().contentFormat()).isZero();
                assertThat(reply.text()).isEqualTo("multi-format");
            });
            expect(td.send(get("/multi-format").option(CoapOption.ACCEPT, new byte[] {41})), reply -> {
                assertThat(reply.options().contentFormat()).isEqualTo(41);
                assertThat(reply.text()).isEqualTo("<value>multi-format</value>");
            });
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_CORE_21 and 22: a GET holding the ETag gets 2.03; PUT with If-Match of the current ETag"
                + " changes /validate, with a stale one gets 4.12")
        void validate(String kind) {
            TdClient td = client(kind);
            byte[] etag = td.send(get("/validate")).block(TIMEOUT).options().first(CoapOption.ETAG);
            expect(td.send(get("/validate").option(CoapOption.ETAG, etag)), reply -> {
                assertThat(reply.code()).isEqualTo(CoapCode.VALID);
                assertThat(reply.options().first(CoapOption.ETAG)).isEqualTo(etag);
            });
            expect(td.send(Req.of(CoapMethod.PUT, "/validate").option(CoapOption.IF_MATCH, etag)
                    .body("validate 1".getBytes(), ContentFormat.TEXT_PLAIN)), reply -> {
                        assertThat(reply.code()).isEqualTo(CoapCode.CHANGED);
                        assertThat(reply.options().first(CoapOption.ETAG)).isNotEqualTo(etag);
                    });
            expect(td.send(Req.of(CoapMethod.PUT, "/validate").option(CoapOption.IF_MATCH, etag)
                    .body("validate 2".getBytes(), ContentFormat.TEXT_PLAIN)), reply -> assertThat(reply.code())
                    .isEqualTo(CoapCode.PRECONDITION_FAILED));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_CORE_23: PUT with If-None-Match creates /create1 once; again it gets 4.12")
        void createOnce(String kind) {
            TdClient td = client(kind);
            Req create = Req.of(CoapMethod.PUT, "/create1").option(CoapOption.IF_NONE_MATCH, new byte[0])
                    .body("created".getBytes(), ContentFormat.TEXT_PLAIN);
            expect(td.send(create), reply -> assertThat(reply.code()).isEqualTo(CoapCode.CREATED));
            expect(td.send(create), reply -> assertThat(reply.code()).isEqualTo(CoapCode.PRECONDITION_FAILED));
        }

        @Test
        @DisplayName("TD_COAP_CORE_10 and 11: the response echoes the request's token, a 4-byte one or none")
        void tokens() throws Exception {
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
                socket.setSoTimeout(10_000);
                int messageId = 77;
                for (byte[] token : List.of(new byte[] {1, 2, 3, 4}, new byte[0])) {
                    CoapMessage get = CoapMessage.of(CoapType.CON, CoapCode.GET, messageId++, token,
                            CoapOptions.builder().uriPath("/test").build(), new byte[0]);
                    CoapMessage reply = exchangeRaw(socket, get);
                    assertThat(reply.token()).isEqualTo(token);
                    assertThat(reply.code()).isEqualTo(CoapCode.CONTENT);
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_CORE_31: a CoAP ping (empty CON) is answered with RST")
        void ping(String kind) {
            if (kind.equals("tributary")) {
                CoapClient ours = CoapClient.bind().block(TIMEOUT);
                try {
                    StepVerifier.create(ours.ping(URI.create(base()))).expectComplete().verify(TIMEOUT);
                } finally {
                    ours.dispose();
                }
            } else {
                var californium = new org.eclipse.californium.core.CoapClient(base());
                try {
                    assertThat(californium.ping(5_000L)).isTrue();
                } finally {
                    californium.shutdown();
                }
            }
        }
    }

    private CoapMessage exchangeRaw(DatagramSocket socket, CoapMessage request) throws Exception {
        ByteBuf buffer = Unpooled.buffer();
        try {
            CoapCodec.encode(request, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", server.port())));
        } finally {
            buffer.release();
        }
        DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
        socket.receive(answer);
        return CoapCodec.decode(Arrays.copyOf(answer.getData(), answer.getLength()));
    }

    @Nested
    class Block {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_BLOCK_01: GET /large comes whole through Block2 blocks")
        void largeGet(String kind) {
            expect(client(kind).send(get("/large")), reply -> {
                assertThat(reply.code()).isEqualTo(CoapCode.CONTENT);
                assertThat(reply.text()).isEqualTo(PlugtestServer.LARGE);
            });
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_BLOCK_02 and 06: early negotiation of 64- and 16-byte blocks, then late negotiation:"
                + " NUM 2 at 512 bytes after block 0 at 1,024 continues at byte 1,024")
        void negotiation(String kind) {
            TdClient td = client(kind);
            for (int szx : new int[] {2, 0}) {
                long before = server.stats().requests();
                expect(td.send(get("/large").option(CoapOption.BLOCK2, new BlockOption(0, false, szx).encode())),
                        reply -> assertThat(reply.text()).isEqualTo(PlugtestServer.LARGE));
                assertThat(server.stats().requests() - before).as("blocks of %d bytes", 1 << (szx + 4))
                        .isEqualTo((PlugtestServer.LARGE.length() + (1 << (szx + 4)) - 1) >> (szx + 4));
            }
            expect(td.send(get("/large").option(CoapOption.BLOCK2, new BlockOption(0, false, 6).encode())),
                    reply -> assertThat(reply.payload()).hasSizeGreaterThanOrEqualTo(1024));
            expect(td.send(get("/large").option(CoapOption.BLOCK2, new BlockOption(2, false, 5).encode())),
                    reply -> assertThat(reply.text()).startsWith(PlugtestServer.LARGE.substring(1024, 1536)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_BLOCK_03: PUT of a large body to /large-update in Block1 blocks, then read back")
        void largeUpdate(String kind) {
            TdClient td = client(kind);
            byte[] body = PlugtestServer.LARGE.toUpperCase().getBytes(StandardCharsets.UTF_8);
            expect(td.send(Req.of(CoapMethod.PUT, "/large-update").body(body, ContentFormat.TEXT_PLAIN)),
                    reply -> assertThat(reply.code()).isEqualTo(CoapCode.CHANGED));
            expect(td.send(get("/large-update")), reply -> assertThat(reply.payload()).isEqualTo(body));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_BLOCK_04: POST of a large body to /large-create creates a resource (2.01, Location)")
        void largeCreate(String kind) {
            TdClient td = client(kind);
            byte[] body = PlugtestServer.LARGE.getBytes(StandardCharsets.UTF_8);
            expect(td.send(Req.of(CoapMethod.POST, "/large-create").body(body, ContentFormat.TEXT_PLAIN)),
                    reply -> {
                        assertThat(reply.code()).isEqualTo(CoapCode.CREATED);
                        assertThat(reply.options().locationPath()).containsExactly("large-create", "1");
                    });
            expect(td.send(get("/large-create/1")), reply -> assertThat(reply.payload()).isEqualTo(body));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_BLOCK_05: POST of a large body to /large-post gets a large response: Block1 then Block2")
        void largePost(String kind) {
            expect(client(kind).send(Req.of(CoapMethod.POST, "/large-post").body(PlugtestServer.LARGE
                    .getBytes(StandardCharsets.UTF_8), ContentFormat.TEXT_PLAIN)), reply -> {
                        assertThat(reply.code()).isEqualTo(CoapCode.CHANGED);
                        assertThat(reply.text()).isEqualTo(PlugtestServer.LARGE.toUpperCase());
                    });
        }
    }

    @Nested
    class Observe {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_OBS_01 and 12: /obs notifies each change with rising Observe values; cancelling"
                + " deregisters")
        void observe(String kind) {
            TdClient td = client(kind);
            StepVerifier.create(td.observe("/obs", true))
                    .assertNext(first -> {
                        assertThat(first.text()).isEqualTo("Observe 0");
                        assertThat(first.options().uint(CoapOption.OBSERVE, -1)).isNotNegative();
                        assertThat(first.options().uint(CoapOption.MAX_AGE, -1)).isEqualTo(5);
                    })
                    .then(() -> time.advanceTimeBy(PERIOD))
                    .assertNext(next -> {
                        assertThat(next.text()).isEqualTo("Observe 1");
                        assertThat(next.type()).isEqualTo(CoapType.CON);
                    })
                    .then(() -> time.advanceTimeBy(PERIOD))
                    .assertNext(next -> assertThat(next.text()).isEqualTo("Observe 2"))
                    .thenCancel()
                    .verify(TIMEOUT);
            afterDeregistration(td);
            assertThat(server.stats().observeRelations()).isZero();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_OBS_02: observed with NON, /obs-non notifies with NON")
        void observeNon(String kind) {
            StepVerifier.create(client(kind).observe("/obs-non", false))
                    .assertNext(first -> assertThat(first.text()).isEqualTo("Observe NON 0"))
                    .then(() -> time.advanceTimeBy(PERIOD))
                    .assertNext(next -> {
                        assertThat(next.text()).isEqualTo("Observe NON 1");
                        assertThat(next.type()).isEqualTo(CoapType.NON);
                    })
                    .thenCancel()
                    .verify(TIMEOUT);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_OBS_07: DELETE of /obs ends the observation with 4.04")
        void deleted(String kind) {
            TdClient td = client(kind);
            StepVerifier.create(td.observe("/obs", true))
                    .assertNext(first -> assertThat(first.text()).isEqualTo("Observe 0"))
                    .then(() -> other().send(Req.of(CoapMethod.DELETE, "/obs")).subscribe())
                    .assertNext(last -> {
                        assertThat(last.code()).isEqualTo(CoapCode.NOT_FOUND);
                        assertThat(last.options().has(CoapOption.OBSERVE)).isFalse();
                    })
                    .thenCancel()
                    .verify(TIMEOUT);
            assertThat(server.stats().observeRelations()).isZero();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_OBS_08 and 09: a PUT of /obs in the same format notifies the new value; in another"
                + " format ends the observation with 4.06")
        void putChanges(String kind) {
            TdClient td = client(kind);
            StepVerifier.create(td.observe("/obs", true).map(reply -> reply.code() + " " + reply.text()))
                    .expectNext("2.05 Content Observe 0")
                    .then(() -> other().send(Req.of(CoapMethod.PUT, "/obs").body("put".getBytes(),
                            ContentFormat.TEXT_PLAIN)).subscribe())
                    .expectNext("2.05 Content put")
                    .then(() -> other().send(Req.of(CoapMethod.PUT, "/obs").body("<put/>".getBytes(),
                            ContentFormat.XML)).subscribe())
                    .expectNextMatches(last -> last.startsWith("4.06"))
                    .thenCancel()
                    .verify(TIMEOUT);
            assertThat(server.stats().observeRelations()).isZero();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_OBS_10: a plain GET of /obs with another token does not end the observation")
        void plainGetKeeps(String kind) {
            TdClient td = client(kind);
            StepVerifier.create(td.observe("/obs", true).map(Reply::text))
                    .expectNext("Observe 0")
                    .then(() -> StepVerifier.create(td.send(get("/obs"))).expectNextCount(1).expectComplete()
                            .verify(TIMEOUT))
                    .then(() -> time.advanceTimeBy(PERIOD))
                    .expectNext("Observe 1")
                    .thenCancel()
                    .verify(TIMEOUT);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_OBS_13: /obs-large notifies whole, each notification's blocks fetched")
        void observeLarge(String kind) {
            StepVerifier.create(client(kind).observe("/obs-large", true).map(Reply::text))
                    .expectNext("0\n" + PlugtestServer.LARGE)
                    .then(() -> time.advanceTimeBy(PERIOD))
                    .expectNext("1\n" + PlugtestServer.LARGE)
                    .thenCancel()
                    .verify(TIMEOUT);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_OBS_14: /obs-pumping changes ten times a period; the client sees them in order")
        void pumping(String kind) {
            StepVerifier.create(client(kind).observe("/obs-pumping", true).map(Reply::text))
                    .expectNext("Pumping 0")
                    .then(() -> time.advanceTimeBy(PERIOD.dividedBy(10)))
                    .expectNext("Pumping 1")
                    .then(() -> time.advanceTimeBy(PERIOD.dividedBy(10)))
                    .expectNext("Pumping 2")
                    .thenCancel()
                    .verify(TIMEOUT);
        }

        @Test
        @DisplayName("TD_COAP_OBS_03: a client that cancels with RST (observe-cancel reset) is removed at the next"
                + " notification")
        void cancelWithReset() {
            CoapClient ours = CoapClient.bind(CoapConfig.defaults().with(
                    CoapConfig.PROTOCOL, StackConfig.OBSERVE_CANCEL, ObserveCancel.RESET))
                    .block(TIMEOUT);
            try {
                StepVerifier.create(ours.observe(URI.create(base() + "/obs")).take(1)).expectNextCount(1)
                        .expectComplete().verify(TIMEOUT);
                assertThat(server.stats().observeRelations()).isEqualTo(1);
                time.advanceTimeBy(PERIOD);
                StepVerifier.create(Flux.interval(Duration.ofMillis(10)).map(tick -> server.stats()
                                .observeRelations()).filter(count -> count == 0).next())
                        .expectNext(0).expectComplete().verify(TIMEOUT);
            } finally {
                ours.dispose();
            }
        }

        private void afterDeregistration(TdClient td) {
            // The next request waits for the deregistration's answer (NSTART 1) in either client.
            StepVerifier.create(td.send(get("/test"))).expectNextCount(1).expectComplete().verify(TIMEOUT);
        }
    }

    @Nested
    class Link {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_LINK_01: /.well-known/core lists the resources in link format (ct 40)")
        void all(String kind) {
            expect(client(kind).send(get("/.well-known/core")), reply -> {
                assertThat(reply.options().contentFormat()).isEqualTo(40);
                assertThat(reply.text()).contains("</test>", "</large>;rt=\"block\";sz=2000;title=\"Large resource\"",
                        "</obs>;rt=\"observe\";obs", "</link1>;rt=\"Type1 Type2\";if=\"If1\"", "</path>;ct=40")
                        .doesNotContain("</path/{sub}>");
            });
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_LINK_02-08: filters by rt, rt with *, if with *, sz, href with *, ct")
        void filters(String kind) {
            TdClient td = client(kind);
            expect(td.send(get("/.well-known/core?rt=Type1")), reply -> assertThat(hrefs(reply))
                    .containsExactly("/link1", "/link3"));
            expect(td.send(get("/.well-known/core?rt=Type2")), reply -> assertThat(hrefs(reply))
                    .containsExactly("/link1", "/link2"));
            expect(td.send(get("/.well-known/core?rt=Type*")), reply -> assertThat(hrefs(reply))
                    .containsExactly("/link1", "/link2", "/link3"));
            expect(td.send(get("/.well-known/core?if=If*")), reply -> assertThat(hrefs(reply))
                    .containsExactly("/link1", "/link2"));
            expect(td.send(get("/.well-known/core?sz=*")), reply -> assertThat(hrefs(reply))
                    .containsExactly("/large", "/obs-large"));
            expect(td.send(get("/.well-known/core?href=/link*")), reply -> assertThat(hrefs(reply))
                    .containsExactly("/link1", "/link2", "/link3"));
            expect(td.send(get("/.well-known/core?ct=40")), reply -> assertThat(hrefs(reply))
                    .containsExactly("/path"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.tributary.coap.plugtest.PlugtestTest#clients")
        @DisplayName("TD_COAP_LINK_09: /path lists its sub-resources in link format; following a link reaches one")
        void follow(String kind) {
            TdClient td = client(kind);
            String sub = hrefs(td.send(get("/path")).block(TIMEOUT)).get(0);
            expect(td.send(get(sub)), reply -> assertThat(reply.text()).isEqualTo("sub1"));
        }

        private List<String> hrefs(Reply reply) {
            return Arrays.stream(reply.text().split(",")).filter(link -> !link.isEmpty())
                    .map(link -> link.substring(1, link.indexOf('>'))).toList();
        }
    }
}
