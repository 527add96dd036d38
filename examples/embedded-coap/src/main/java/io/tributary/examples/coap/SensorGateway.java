package io.tributary.examples.coap;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.tributary.coap.CoapConfig;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapServer;
import io.tributary.coap.message.CoapCode;
import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import reactor.core.publisher.Mono;

/**
 * An application that embeds Tributary's router and one protocol: sensors PUT their readings to
 * {@code coap://host/sensors/<id>}; each reading becomes the retained value of topic {@code sensors/<id>}, which any
 * part of the application can subscribe to, and which a GET on the same path reads back.
 */
public final class SensorGateway {

    private final Router router;

    /** @param router where readings are published */
    public SensorGateway(Router router) {
        this.router = router;
    }

    /**
     * Binds the CoAP server.
     *
     * @param port UDP port, 0 for any free port
     * @return the bound endpoint; dispose it to stop
     */
    public Mono<CoapEndpoint> start(int port) {
        return CoapServer.create()
                .config(CoapConfig.defaults().with(CoapConfig.HOST, "127.0.0.1").with(CoapConfig.PORT, port))
                .route(routes -> routes
                        .put("/sensors/{id}", request -> {
                            Topic topic = Topic.of("sensors", request.pathVariable("id"));
                            boolean created = router.retainedValue(topic) == null;
                            router.publish(Message.builder(topic).payload(request.payload()).retain(true).build());
                            return Mono.just(CoapResponse.of(created ? CoapCode.CREATED : CoapCode.CHANGED));
                        })
                        .get("/sensors/{id}", request -> {
                            Message value = router.retainedValue(Topic.of("sensors", request.pathVariable("id")));
                            return Mono.just(value == null ? CoapResponse.of(CoapCode.NOT_FOUND)
                                    : CoapResponse.content(value.payloadUtf8()));
                        }))
                .bind();
    }

    /**
     * Runs the gateway on UDP port 5683 until the process is stopped, printing every reading.
     *
     * @param args ignored
     */
    public static void main(String[] args) throws InterruptedException {
        Router router = Router.create();
        router.subscribe(TopicFilter.of("sensors/+"))
                .subscribe(reading -> System.out.println(reading.topic() + " = " + reading.payloadUtf8()));
        CoapEndpoint endpoint = new SensorGateway(router).start(5683).block(Duration.ofSeconds(10));
        System.out.println("listening on " + endpoint.address() + "; try: coap-client-notls -m put -e 21.5"
                + " coap://127.0.0.1/sensors/kitchen");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoint.dispose();
            stopped.countDown();
        }));
        stopped.await();
    }
}
