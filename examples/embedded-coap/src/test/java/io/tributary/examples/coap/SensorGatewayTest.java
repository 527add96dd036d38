package io.tributary.examples.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.message.CoapCode;
import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.TopicFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class SensorGatewayTest {

    private final Router router = Router.create();
    private CoapEndpoint endpoint;
    private CoapClient client;
    private URI kitchen;

    @BeforeEach
    void start() {
        endpoint = new SensorGateway(router).start(0).block(Duration.ofSeconds(10));
        client = CoapClient.on(endpoint);
        kitchen = URI.create("coap://127.0.0.1:" + endpoint.port() + "/sensors/kitchen");
    }

    @AfterEach
    void stop() {
        endpoint.dispose();
    }

    @Test
    @DisplayName("a PUT creates the sensor's topic, a second one changes it, and subscribers see both readings")
    void readingsReachTheRouter() {
        StepVerifier.create(router.subscribe(TopicFilter.of("sensors/+")).map(Message::payloadUtf8))
                .then(() -> StepVerifier.create(client.put(kitchen, "21.5").map(CoapResponse::code))
                        .expectNext(CoapCode.CREATED).verifyComplete())
                .expectNext("21.5")
                .then(() -> StepVerifier.create(client.put(kitchen, "22.0").map(CoapResponse::code))
                        .expectNext(CoapCode.CHANGED).verifyComplete())
                .expectNext("22.0")
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("a GET reads the last reading back, and an unknown sensor is 4.04")
    void readBack() {
        StepVerifier.create(client.put(kitchen, "19.0").then(client.get(kitchen)))
                .assertNext(response -> {
                    assertThat(response.code()).isEqualTo(CoapCode.CONTENT);
                    assertThat(response.payloadUtf8()).isEqualTo("19.0");
                })
                .verifyComplete();
        StepVerifier.create(client.get(URI.create(kitchen.toString().replace("kitchen", "cellar")))
                        .map(CoapResponse::code))
                .expectNext(CoapCode.NOT_FOUND)
                .verifyComplete();
    }
}
