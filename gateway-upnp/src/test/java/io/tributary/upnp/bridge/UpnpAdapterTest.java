package io.tributary.upnp.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.core.config.Settings;
import io.tributary.upnp.UpnpAdapter;
import io.tributary.upnp.UpnpConfig;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.GenaPublisher;
import io.tributary.upnp.publisher.RunningPublisher;
import io.tributary.upnp.publisher.StateVariables;
import io.tributary.upnp.testing.Await;
import io.tributary.upnp.testing.CallbackReceiver;
import io.tributary.upnp.testing.CallbackReceiver.Notify;
import io.tributary.upnp.testing.GenaClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

class UpnpAdapterTest {

    private final CallbackReceiver receiver = CallbackReceiver.start();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private RunningGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            StepVerifier.create(gateway.stop()).expectComplete().verify(Duration.ofSeconds(20));
        }
        receiver.close();
    }

    private GenaClient start(Settings settings) {
        gateway = Gateway.create().host("127.0.0.1").port(0).meterRegistry(meters)
                .adapter(UpnpAdapter.create(settings)).start().block(Duration.ofSeconds(10));
        return new GenaClient("http://127.0.0.1:" + gateway.httpAddress().getPort());
    }

    private static Settings variable(String topic, String name) {
        return UpnpConfig.VARIABLE.defaults().with(UpnpConfig.VARIABLE_TOPIC, Topic.of(topic))
                .with(UpnpConfig.VARIABLE_NAME, name);
    }

    private static Message retained(String topic, String value) {
        return Message.builder(Topic.of(topic)).payload(value).retain(true).build();
    }

    @Test
    @DisplayName("issue: a retained message on demo/temp with 21.5 reaches subscribers of /upnp/event/topics as <demo.temp>21.5</demo.temp>")
    void topicsService() throws Exception {
        GenaClient client = start(UpnpConfig.defaults());
        gateway.router().publish(retained("demo/humidity", "40"));
        gateway.router().publish(Message.text(Topic.of("demo/not-retained"), "x"));
        assertThat(client.subscribe("/upnp/event/topics", "<" + receiver.url("/cb") + ">").status()).isEqualTo(200);
        Notify initial = receiver.next("/cb");
        assertThat(initial.seq()).isZero();
        assertThat(initial.properties().toMap()).containsExactly(Map.entry("demo.humidity", "40"));
        gateway.router().publish(retained("demo/temp", "21.5"));
        Notify change = receiver.next("/cb");
        assertThat(change.seq()).isEqualTo(1);
        assertThat(change.text()).contains("<e:property><demo.temp>21.5</demo.temp></e:property>");
        gateway.router().publish(Message.text(Topic.of("demo/not-retained"), "y"));
        gateway.router().publish(retained("1wire/room 2", "on"));
        assertThat(receiver.next("/cb").properties().toMap()).containsExactly(Map.entry("_1wire.room_2", "on"));
        assertThat(meters.get("tributary.upnp.subscriptions").gauge().value()).isEqualTo(1);
    }

    @Test
    @DisplayName("a configured service events its chosen topics under its variable names, initial values from retained state")
    void configuredService() throws Exception {
        Settings kitchen = UpnpConfig.SERVICE.defaults().with(UpnpConfig.SERVICE_PATH, "/upnp/event/kitchen")
                .with(UpnpConfig.SERVICE_VARIABLES, List.of(variable("coap/kitchen/temp", "Temperature"),
                        variable("coap/kitchen/door", "Door")));
        GenaClient client = start(UpnpConfig.defaults()
                .with(UpnpConfig.TOPICS_SERVICE, UpnpConfig.TOPICS_ENABLED, false)
                .with(UpnpConfig.SERVICES, List.of(kitchen)));
        gateway.router().publish(retained("coap/kitchen/temp", "19"));
        assertThat(client.subscribe("/upnp/event/topics", "<" + receiver.url("/cb") + ">").status()).isEqualTo(404);
        assertThat(client.subscribe("/upnp/event/kitchen", "<" + receiver.url("/k") + ">").status()).isEqualTo(200);
        assertThat(receiver.next("/k").properties().toMap())
                .containsExactly(Map.entry("Temperature", "19"), Map.entry("Door", ""));
        gateway.router().publish(Message.text(Topic.of("coap/kitchen/door"), "open"));
        assertThat(receiver.next("/k").properties().toMap()).containsExactly(Map.entry("Door", "open"));
    }

    @Test
    @DisplayName("a configured event source is subscribed at start and its variables become retained upnp/<source>/<variable>")
    void sources() throws Exception {
        StateVariables tv = StateVariables.of(Map.of("Volume", "42"));
        RunningPublisher device = GenaPublisher.create().service(EventedService.create("/evt", tv))
                .start().block(Duration.ofSeconds(10));
        DisposableServer deviceServer = HttpServer.create().host("127.0.0.1").port(0).route(device.routes())
                .bindNow();
        try {
            start(UpnpConfig.defaults().with(UpnpConfig.SOURCES, List.of(UpnpConfig.SOURCE.defaults()
                    .with(UpnpConfig.SOURCE_NAME, "tv")
                    .with(UpnpConfig.SOURCE_URL, URI.create("http://127.0.0.1:" + deviceServer.port() + "/evt")))));
            Topic volume = Topic.of("upnp/tv/Volume");
            Await.until("initial value published", () -> gateway.router().retainedValue(volume) != null);
            Message first = gateway.router().retainedValue(volume);
            assertThat(first.payloadUtf8()).isEqualTo("42");
            assertThat(first.attribute(Message.ORIGIN)).isEqualTo("upnp");
            assertThat(first.attribute("seq")).isEqualTo("0");
            tv.set("Volume", "43");
            Await.until("change published",
                    () -> "43".equals(gateway.router().retainedValue(volume).payloadUtf8()));
            assertThat(meters.get("tributary.upnp.subscriber.subscriptions").gauge().value()).isEqualTo(1);
            StepVerifier.create(gateway.stop()).expectComplete().verify(Duration.ofSeconds(20));
            gateway = null;
            assertThat(device.subscriptionCount()).as("the gateway unsubscribed on stop").isZero();
        } finally {
            StepVerifier.create(device.stop()).expectComplete().verify(Duration.ofSeconds(10));
            deviceServer.disposeNow(Duration.ofSeconds(5));
        }
    }
}
