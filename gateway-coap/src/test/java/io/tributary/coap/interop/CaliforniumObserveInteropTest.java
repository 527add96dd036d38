package io.tributary.coap.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapServer;
import io.tributary.coap.adapter.CoapAdapter;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.WebLink;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Observe (RFC 7641), block-wise transfer (RFC 7959) and discovery (RFC 6690) with Eclipse Californium 3.14: as
 * observer and block-wise client of the gateway's /ps, and as the observed server of our client.
 */
class CaliforniumObserveInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RunningGateway gateway;
    private CoapAdapter adapter;
    // Californium's CoapClient and CoapResponse share our classes' names: theirs stay qualified.
    private org.eclipse.californium.core.CoapClient californium;

    @BeforeAll
    static void register() {
        CoapConfig.register();
        UdpConfig.register();
    }

    @BeforeEach
    void start() {
        adapter = CoapAdapter.create(CoapServer.create().host("127.0.0.1").port(0), List.of());
        gateway = Gateway.create().http(false).meterRegistry(new SimpleMeterRegistry()).adapter(adapter).start()
                .block(TIMEOUT);
        californium = new org.eclipse.californium.core.CoapClient();
        californium.setTimeout(10_000L);
    }

    @AfterEach
    void stop() {
        californium.shutdown();
        gateway.stop().block(TIMEOUT);
    }

    private String ps(String path) {
        return "coap://127.0.0.1:" + adapter.endpoint().port() + "/ps" + path;
    }

    private void publish(String topic, String value) {
        gateway.router().publish(Message.text(Topic.of(topic), value).toBuilder().retain(true).build());
    }

    @Test
    @DisplayName("a Californium observer of /ps/<topic> gets each retained value, then the 4.04 of its deletion")
    void californiumObserves() throws Exception {
        publish("demo/temp", "20");
        BlockingQueue<org.eclipse.californium.core.CoapResponse> notifications = new LinkedBlockingQueue<>();
        californium.setURI(ps("/demo/temp"));
        CoapObserveRelation relation = californium.observe(new CoapHandler() {
            @Override
            public void onLoad(org.eclipse.californium.core.CoapResponse response) {
                notifications.add(response);
            }

            @Override
            public void onError() {
            }
        });
        assertThat(notifications.poll(10, TimeUnit.SECONDS).getResponseText()).isEqualTo("20");
        publish("demo/temp", "21");
        org.eclipse.californium.core.CoapResponse next = notifications.poll(10, TimeUnit.SECONDS);
        assertThat(next.getResponseText()).isEqualTo("21");
        assertThat(next.getOptions().hasObserve()).isTrue();
        assertThat(next.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.TEXT_PLAIN);
        assertThat(adapter.endpoint().stats().observeRelations()).isEqualTo(1);

        StepVerifier.create(CoapClient.on(adapter.endpoint()).delete(URI.create(ps("/demo/temp"))))
                .expectNextCount(1).expectComplete().verify(TIMEOUT);
        org.eclipse.californium.core.CoapResponse last = notifications.poll(10, TimeUnit.SECONDS);
        assertThat(last.getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
        assertThat(last.getOptions().hasObserve()).isFalse();
        assertThat(adapter.endpoint().stats().observeRelations()).isZero();
        relation.proactiveCancel();
    }

    @Test
    @DisplayName("Californium PUTs and GETs a 3,000-byte value of /ps block-wise, and observes a large value")
    void californiumBlockwise() throws Exception {
        String large = "0123456789".repeat(300);
        californium.setURI(ps("/big"));
        org.eclipse.californium.core.CoapResponse created = californium.put(large, MediaTypeRegistry.TEXT_PLAIN);
        assertThat(created.getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
        assertThat(gateway.router().retainedValue(Topic.of("big")).payloadUtf8()).isEqualTo(large);
        org.eclipse.californium.core.CoapResponse read = californium.get();
        assertThat(read.getResponseText()).isEqualTo(large);
        assertThat(read.getOptions().getETagCount()).isEqualTo(1);

        BlockingQueue<String> notifications = new LinkedBlockingQueue<>();
        CoapObserveRelation relation = californium.observe(new CoapHandler() {
            @Override
            public void onLoad(org.eclipse.californium.core.CoapResponse response) {
                notifications.add(response.getResponseText());
            }

            @Override
            public void onError() {
            }
        });
        assertThat(notifications.poll(10, TimeUnit.SECONDS)).isEqualTo(large);
        publish("big", large.replace('0', 'x'));
        assertThat(notifications.poll(10, TimeUnit.SECONDS)).isEqualTo(large.replace('0', 'x'));
        relation.proactiveCancel();
    }

    @Test
    @DisplayName("Californium's discovery finds /ps as rt=core.ps, ct=40")
    void californiumDiscovers() throws Exception {
        californium.setURI("coap://127.0.0.1:" + adapter.endpoint().port());
        Set<WebLink> links = californium.discover();
        assertThat(links).anySatisfy(link -> {
            assertThat(link.getURI()).isEqualTo("/ps");
            assertThat(link.getAttributes().getResourceTypes()).containsExactly("core.ps");
            assertThat(link.getAttributes().getContentTypes()).containsExactly("40");
        });
    }

    @Test
    @DisplayName("our client observes a Californium resource: its state, each change() whole (also in blocks),"
            + " and cancelling removes the relation")
    void weObserveCalifornium() {
        String[] value = {"v0"};
        CoapResource resource = new CoapResource("obs") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(CoAP.ResponseCode.CONTENT, value[0], MediaTypeRegistry.TEXT_PLAIN);
            }
        };
        resource.setObservable(true);
        resource.getAttributes().setObservable();
        var server = new org.eclipse.californium.core.CoapServer(Configuration.createStandardWithoutFile(), 0);
        server.add(resource);
        server.start();
        CoapClient ours = CoapClient.bind().block(TIMEOUT);
        try {
            URI obs = URI.create("coap://127.0.0.1:" + server.getEndpoints().get(0).getAddress().getPort() + "/obs");
            StepVerifier.create(ours.observe(obs).map(CoapResponse::payloadUtf8))
                    .expectNext("v0")
                    .then(() -> {
                        value[0] = "v1";
                        resource.changed();
                    })
                    .expectNext("v1")
                    .then(() -> {
                        value[0] = "L".repeat(3000);
                        resource.changed();
                    })
                    .expectNext("L".repeat(3000))
                    .thenCancel()
                    .verify(TIMEOUT);
            // NSTART 1: this GET waits for the deregistration before it.
            StepVerifier.create(ours.get(obs).map(CoapResponse::payloadUtf8)).expectNext("L".repeat(3000))
                    .expectComplete().verify(TIMEOUT);
            assertThat(resource.getObserverCount()).isZero();
        } finally {
            ours.dispose();
            server.destroy();
        }
    }
}
