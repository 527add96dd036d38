package io.tributary.coap.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapServer;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.CoapCode;
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

/** Interoperability with Eclipse Californium 3.14, a stack nobody here wrote, in both directions. */
class CaliforniumInteropTest {

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
    @DisplayName("a Californium client gets piggybacked, separate, created and error responses from our server")
    void californiumClientAgainstOurServer() throws Exception {
        CoapEndpoint ours = CoapServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/hello", request -> Mono.just(CoapResponse.content("hello " + request.queryParam("n"))))
                        .get("/slow", request -> Mono.delay(Duration.ofMillis(1300))
                                .thenReturn(CoapResponse.content("slow")))
                        .post("/items", request -> Mono.just(CoapResponse.of(CoapCode.CREATED)
                                .locationPath("items", request.payloadUtf8()))))
                .bindNow(Duration.ofSeconds(10));
        String base = "coap://127.0.0.1:" + ours.port();
        org.eclipse.californium.core.CoapClient client = new org.eclipse.californium.core.CoapClient();
        try {
            client.setTimeout(10_000L);
            client.setURI(base + "/hello?n=cf");
            org.eclipse.californium.core.CoapResponse hello = client.get();
            assertThat(hello.getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
            assertThat(hello.getResponseText()).isEqualTo("hello cf");
            assertThat(hello.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.TEXT_PLAIN);

            client.setURI(base + "/slow");
            assertThat(client.get().getResponseText()).isEqualTo("slow");

            client.setURI(base + "/items");
            org.eclipse.californium.core.CoapResponse created = client.post("7", MediaTypeRegistry.TEXT_PLAIN);
            assertThat(created.getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
            assertThat(created.getOptions().getLocationPathString()).isEqualTo("items/7");

            client.setURI(base + "/missing");
            assertThat(client.get().getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);

            client.setURI(base + "/hello");
            client.useNONs();
            assertThat(client.get().getResponseText()).isEqualTo("hello null");
            client.useCONs();

            assertThat(client.ping(5_000L)).as("Californium's CoAP ping").isTrue();
        } finally {
            client.shutdown();
            ours.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    @Test
    @DisplayName("our client gets piggybacked, separate and NON responses from a Californium server")
    void ourClientAgainstCalifornium() {
        org.eclipse.californium.core.CoapServer server =
                new org.eclipse.californium.core.CoapServer(configuration, 0);
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
        CoapClient ours = CoapClient.bind().block(Duration.ofSeconds(10));
        try {
            int port = server.getEndpoints().get(0).getAddress().getPort();
            URI temp = URI.create("coap://127.0.0.1:" + port + "/temp");
            CoapResponse response = ours.get(temp).block(Duration.ofSeconds(10));
            assertThat(response.code()).isEqualTo(CoapCode.CONTENT);
            assertThat(response.payloadUtf8()).isEqualTo("21.5");
            assertThat(response.contentFormat()).isEqualTo(ContentFormat.TEXT_PLAIN);

            assertThat(ours.put(temp, "22".getBytes(StandardCharsets.UTF_8), ContentFormat.TEXT_PLAIN)
                    .block(Duration.ofSeconds(10)).payloadUtf8()).isEqualTo("got 22");
            assertThat(ours.confirmable(false).get(temp).block(Duration.ofSeconds(10)).payloadUtf8())
                    .isEqualTo("21.5");
            assertThat(ours.get(URI.create("coap://127.0.0.1:" + port + "/separate"))
                    .block(Duration.ofSeconds(10)).payloadUtf8()).isEqualTo("separately");
            assertThat(ours.get(URI.create("coap://127.0.0.1:" + port + "/nope"))
                    .block(Duration.ofSeconds(10)).code()).isEqualTo(CoapCode.NOT_FOUND);
            ours.ping(temp).block(Duration.ofSeconds(10));
        } finally {
            ours.dispose();
            server.destroy();
        }
    }
}
