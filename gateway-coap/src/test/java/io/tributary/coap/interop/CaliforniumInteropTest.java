package io.tributary.coap.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapServer;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapType;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Interoperability with Eclipse Californium 3.14, a stack nobody here wrote, in both directions. */
class CaliforniumInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static Configuration configuration;

    @BeforeAll
    static void register() {
        CoapConfig.register();
        UdpConfig.register();
        configuration = Configuration.createStandardWithoutFile();
    }

    @AfterAll
    static void done() {
        configuration = null;
    }

    @Test
    @DisplayName("a Californium client gets piggybacked (ACK), separate (CON), NON, created and error responses from"
            + " our server")
    void californiumClientAgainstOurServer() throws Exception {
        CoapEndpoint ours = CoapServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/hello", request -> Mono.just(CoapResponse.content("hello " + request.queryParam("n"))))
                        .get("/slow", request -> Mono.delay(Duration.ofMillis(1300))
                                .thenReturn(CoapResponse.content("slow")))
                        .post("/items", request -> Mono.just(CoapResponse.of(CoapCode.CREATED)
                                .locationPath("items", request.payloadUtf8()))))
                .bindNow(TIMEOUT);
        String base = "coap://127.0.0.1:" + ours.port();
        // Californium's CoapClient, CoapResponse and CoapServer share our classes' names: theirs stay qualified.
        var client = new org.eclipse.californium.core.CoapClient();
        try {
            client.setTimeout(10_000L);
            client.setURI(base + "/hello?n=cf");
            var hello = client.get();
            assertThat(hello.getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
            assertThat(hello.getResponseText()).isEqualTo("hello cf");
            assertThat(hello.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.TEXT_PLAIN);
            assertThat(hello.advanced().getType()).as("piggybacked on the ACK").isEqualTo(CoAP.Type.ACK);

            client.setURI(base + "/slow");
            var slow = client.get();
            assertThat(slow.getResponseText()).isEqualTo("slow");
            assertThat(slow.advanced().getType()).as("a separate response").isEqualTo(CoAP.Type.CON);

            client.setURI(base + "/items");
            var created = client.post("7", MediaTypeRegistry.TEXT_PLAIN);
            assertThat(created.getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
            assertThat(created.getOptions().getLocationPathString()).isEqualTo("items/7");

            client.setURI(base + "/missing");
            assertThat(client.get().getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);

            client.setURI(base + "/hello");
            client.useNONs();
            var non = client.get();
            assertThat(non.getResponseText()).isEqualTo("hello null");
            assertThat(non.advanced().getType()).as("a NON request gets a NON response").isEqualTo(CoAP.Type.NON);
            client.useCONs();

            assertThat(client.ping(5_000L)).as("Californium's CoAP ping").isTrue();
        } finally {
            client.shutdown();
            ours.disposeLater().block(TIMEOUT);
        }
    }

    @Test
    @DisplayName("our client gets piggybacked, separate and NON responses from a Californium server")
    void ourClientAgainstCalifornium() {
        var server = new org.eclipse.californium.core.CoapServer(configuration, 0);
        server.add(new CoapResource("temp") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(CoAP.ResponseCode.CONTENT, "21.5", MediaTypeRegistry.TEXT_PLAIN);
            }

            @Override
            public void handlePUT(CoapExchange exchange) {
                exchange.respond(CoAP.ResponseCode.CHANGED, "got " + exchange.getRequestText());
            }
        });
        server.add(new CoapResource("separate") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.accept();
                exchange.respond(CoAP.ResponseCode.CONTENT, "separately");
            }
        });
        server.start();
        CoapClient ours = CoapClient.bind().block(TIMEOUT);
        try {
            int port = server.getEndpoints().get(0).getAddress().getPort();
            URI temp = URI.create("coap://127.0.0.1:" + port + "/temp");
            StepVerifier.create(ours.get(temp))
                    .assertNext(response -> {
                        assertThat(response.type()).as("piggybacked on the ACK").isEqualTo(CoapType.ACK);
                        assertThat(response.code()).isEqualTo(CoapCode.CONTENT);
                        assertThat(response.payloadUtf8()).isEqualTo("21.5");
                        assertThat(response.contentFormat()).isEqualTo(ContentFormat.TEXT_PLAIN);
                    })
                    .expectComplete()
                    .verify(TIMEOUT);
            StepVerifier.create(ours.put(temp, "22").map(CoapResponse::payloadUtf8))
                    .expectNext("got 22")
                    .expectComplete()
                    .verify(TIMEOUT);
            StepVerifier.create(ours.confirmable(false).get(temp))
                    .assertNext(response -> {
                        assertThat(response.type()).as("a NON request gets a NON response").isEqualTo(CoapType.NON);
                        assertThat(response.payloadUtf8()).isEqualTo("21.5");
                    })
                    .expectComplete()
                    .verify(TIMEOUT);
            StepVerifier.create(ours.get(URI.create("coap://127.0.0.1:" + port + "/separate")))
                    .assertNext(response -> {
                        assertThat(response.type()).as("a separate response, after an empty ACK")
                                .isEqualTo(CoapType.CON);
                        assertThat(response.payloadUtf8()).isEqualTo("separately");
                    })
                    .expectComplete()
                    .verify(TIMEOUT);
            StepVerifier.create(ours.get(URI.create("coap://127.0.0.1:" + port + "/nope")).map(CoapResponse::code))
                    .expectNext(CoapCode.NOT_FOUND)
                    .expectComplete()
                    .verify(TIMEOUT);
            StepVerifier.create(ours.ping(temp)).expectComplete().verify(TIMEOUT);
        } finally {
            ours.dispose();
            server.destroy();
        }
    }
}
