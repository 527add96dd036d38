package io.tributary.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.EntityTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * What the route table does around handlers: resource discovery (RFC 6690), conditional requests and content
 * negotiation (RFC 7252 §5.10), and block-wise bodies (RFC 7959), over loopback sockets.
 */
class RoutesNegotiationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] FIRMWARE = "F".repeat(3000).getBytes(StandardCharsets.UTF_8);

    private final AtomicReference<byte[]> config = new AtomicReference<>("{\"on\":false}".getBytes());
    private CoapEndpoint server;
    private CoapClient client;

    @BeforeEach
    void start() {
        server = CoapServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .observe(CoapRoute.get("/sensors/temp").resourceType("temperature-c")
                                .interfaceDescription("sensor").produces(ContentFormat.TEXT_PLAIN)
                                .title("Temperature"), request -> Flux.just(CoapResponse.content("21.5")))
                        .route(CoapRoute.get("/sensors/light").resourceType("light-lux").interfaceDescription("sensor"),
                                request -> Mono.just(CoapResponse.content("300")))
                        .route(CoapRoute.get("/firmware").size(FIRMWARE.length),
                                request -> Mono.just(CoapResponse.content(FIRMWARE, ContentFormat.OCTET_STREAM)))
                        .get("/items/{id}", request -> Mono.just(CoapResponse.content(request.pathVariable("id"))))
                        .route(CoapRoute.get("/config").produces(ContentFormat.JSON),
                                request -> Mono.just(configuration()))
                        .route(CoapRoute.put("/config").conditional(), request -> {
                            if (!request.conditionsMet(etag())) {
                                return Mono.just(CoapResponse.of(CoapCode.PRECONDITION_FAILED));
                            }
                            config.set(request.payload());
                            return Mono.just(CoapResponse.of(CoapCode.CHANGED).etag(etag()));
                        })
                        .put("/upload", request -> Mono.just(CoapResponse.of(CoapCode.CHANGED)
                                .payload(String.valueOf(request.payload().length).getBytes())))
                        .get("/json", request -> Mono.just(CoapResponse.content("{}".getBytes(),
                                ContentFormat.JSON))))
                .bindNow(TIMEOUT);
        client = CoapClient.bind().block(TIMEOUT);
    }

    @AfterEach
    void stop() {
        client.dispose();
        server.disposeLater().block(TIMEOUT);
    }

    private byte[] etag() {
        return EntityTag.of(config.get(), ContentFormat.JSON.number());
    }

    private CoapResponse configuration() {
        return CoapResponse.content(config.get(), ContentFormat.JSON).etag(etag());
    }

    private URI uri(String path) {
        return URI.create("coap://127.0.0.1:" + server.port() + path);
    }

    private static void expectCode(Mono<CoapResponse> exchange, CoapCode code) {
        StepVerifier.create(exchange.map(CoapResponse::code)).expectNext(code).expectComplete().verify(TIMEOUT);
    }

    private static void expectPayload(Mono<CoapResponse> exchange, String payload) {
        StepVerifier.create(exchange.map(CoapResponse::payloadUtf8)).expectNext(payload).expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    @DisplayName("RFC 6690 §4: /.well-known/core lists each literal route path with rt, if, ct, sz, obs and title")
    void discovery() {
        StepVerifier.create(client.get(uri(CoapRoutes.WELL_KNOWN_CORE)))
                .assertNext(response -> {
                    assertThat(response.contentFormat()).isEqualTo(ContentFormat.LINK_FORMAT);
                    assertThat(response.payloadUtf8()).isEqualTo(
                            "</sensors/temp>;rt=\"temperature-c\";if=\"sensor\";ct=0;obs;title=\"Temperature\","
                                    + "</sensors/light>;rt=\"light-lux\";if=\"sensor\","
                                    + "</firmware>;sz=3000,</config>;ct=50,</upload>,</json>");
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @ParameterizedTest(name = "?{0}")
    @CsvSource(delimiter = '|', value = {
            "rt=light-lux|</sensors/light>;rt=\"light-lux\";if=\"sensor\"",
            "rt=temp*|</sensors/temp>;rt=\"temperature-c\";if=\"sensor\";ct=0;obs;title=\"Temperature\"",
            "href=/conf*|</config>;ct=50",
            "href=/upload|</upload>",
            "sz=3000|</firmware>;sz=3000",
            "ct=50|</config>;ct=50",
            "rt=nothing|''"})
    @DisplayName("RFC 6690 §4.1: a query filters on any attribute or href, a trailing * matching a prefix")
    void discoveryFilters(String query, String expected) {
        expectPayload(client.get(uri(CoapRoutes.WELL_KNOWN_CORE + "?" + query)), expected);
    }

    @Test
    @DisplayName("RFC 6690 §4.1: if=sensor lists both sensors; obs lists the observable one")
    void discoveryByInterface() {
        StepVerifier.create(client.get(uri(CoapRoutes.WELL_KNOWN_CORE + "?if=sensor")).map(CoapResponse::payloadUtf8))
                .assertNext(links -> assertThat(links.split(",")).hasSize(2))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(client.get(uri(CoapRoutes.WELL_KNOWN_CORE + "?obs")).map(CoapResponse::payloadUtf8))
                .assertNext(links -> assertThat(links).startsWith("</sensors/temp>").doesNotContain(","))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    @DisplayName("§5.10.6.2: a GET holding the current ETag gets 2.03 Valid with it and no payload; another gets 2.05")
    void validation() {
        StepVerifier.create(client.option(CoapOption.ETAG, etag()).get(uri("/config")))
                .assertNext(valid -> {
                    assertThat(valid.code()).isEqualTo(CoapCode.VALID);
                    assertThat(valid.etag()).isEqualTo(etag());
                    assertThat(valid.payload()).isEmpty();
                })
                .expectComplete()
                .verify(TIMEOUT);
        expectCode(client.option(CoapOption.ETAG, new byte[] {1}).get(uri("/config")), CoapCode.CONTENT);
    }

    @Test
    @DisplayName("§5.10.8: a conditional route applies If-Match and If-None-Match; 4.12 when they do not hold")
    void conditional() {
        byte[] current = etag();
        expectCode(client.option(CoapOption.IF_NONE_MATCH, new byte[0]).put(uri("/config"), "{}".getBytes(),
                ContentFormat.JSON), CoapCode.PRECONDITION_FAILED);
        expectCode(client.option(CoapOption.IF_MATCH, new byte[] {9, 9}).put(uri("/config"), "{}".getBytes(),
                ContentFormat.JSON), CoapCode.PRECONDITION_FAILED);
        StepVerifier.create(client.option(CoapOption.IF_MATCH, current).put(uri("/config"), "{\"on\":true}".getBytes(),
                        ContentFormat.JSON))
                .assertNext(changed -> {
                    assertThat(changed.code()).isEqualTo(CoapCode.CHANGED);
                    assertThat(changed.etag()).isNotEqualTo(current).isEqualTo(etag());
                })
                .expectComplete()
                .verify(TIMEOUT);
        expectCode(client.option(CoapOption.IF_MATCH, new byte[0]).put(uri("/config"), "{}".getBytes(),
                ContentFormat.JSON), CoapCode.CHANGED);
        assertThat(config.get()).isEqualTo("{}".getBytes());
    }

    @Test
    @DisplayName("§5.4.1: If-Match or If-None-Match on a route that does not apply them gets 4.02; the handler"
            + " does not run")
    void unconditionalRefuses() {
        expectCode(client.option(CoapOption.IF_NONE_MATCH, new byte[0]).put(uri("/upload"), "x"),
                CoapCode.BAD_OPTION);
        expectCode(client.option(CoapOption.IF_MATCH, new byte[] {1}).get(uri("/sensors/light")),
                CoapCode.BAD_OPTION);
    }

    @Test
    @DisplayName("§5.10.4: a representation in another format than Accept becomes 4.06, whatever the route declares")
    void accept() {
        expectCode(client.accept(ContentFormat.TEXT_PLAIN).get(uri("/json")), CoapCode.NOT_ACCEPTABLE);
        expectCode(client.accept(ContentFormat.JSON).get(uri("/json")), CoapCode.CONTENT);
    }

    @Test
    @DisplayName("RFC 7959: a 3,000-byte PUT goes in Block1 blocks and the handler sees it whole; a 3,000-byte"
            + " response comes back whole")
    void blockwiseBodies() {
        expectPayload(client.put(uri("/upload"), "U".repeat(3000)), "3000");
        StepVerifier.create(client.get(uri("/firmware")))
                .assertNext(response -> assertThat(response.payload()).isEqualTo(FIRMWARE))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(client.maxBodySize(2048).get(uri("/firmware")))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(CoapException.class)
                        .hasMessageContaining("max-body-size"))
                .verify(TIMEOUT);
    }
}
