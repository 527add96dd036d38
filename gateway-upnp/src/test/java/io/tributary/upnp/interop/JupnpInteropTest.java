package io.tributary.upnp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.GenaPublisher;
import io.tributary.upnp.publisher.RunningPublisher;
import io.tributary.upnp.publisher.StateVariables;
import io.tributary.upnp.subscriber.GenaEvent;
import io.tributary.upnp.subscriber.GenaSubscriber;
import io.tributary.upnp.subscriber.RunningSubscriber;
import io.tributary.upnp.subscriber.SubscriberConfig;
import io.tributary.upnp.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.jupnp.UpnpService;
import org.jupnp.UpnpServiceImpl;
import org.jupnp.binding.annotations.AnnotationLocalServiceBinder;
import org.jupnp.controlpoint.SubscriptionCallback;
import org.jupnp.model.DefaultServiceManager;
import org.jupnp.model.gena.CancelReason;
import org.jupnp.model.gena.GENASubscription;
import org.jupnp.model.message.UpnpResponse;
import org.jupnp.model.meta.DeviceDetails;
import org.jupnp.model.meta.DeviceIdentity;
import org.jupnp.model.meta.LocalDevice;
import org.jupnp.model.meta.LocalService;
import org.jupnp.model.meta.RemoteDevice;
import org.jupnp.model.meta.RemoteDeviceIdentity;
import org.jupnp.model.meta.RemoteService;
import org.jupnp.model.meta.StateVariable;
import org.jupnp.model.meta.StateVariableEventDetails;
import org.jupnp.model.meta.StateVariableTypeDetails;
import org.jupnp.model.state.StateVariableValue;
import org.jupnp.model.types.Datatype;
import org.jupnp.model.types.UDADeviceType;
import org.jupnp.model.types.UDAServiceId;
import org.jupnp.model.types.UDAServiceType;
import org.jupnp.model.types.UDN;
import reactor.core.Disposable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Interop with jUPnP 3.0.4, a stack nobody here wrote, on the loopback interface: jUPnP as control point
 * subscribing to our publisher, and as device publishing to our subscriber.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // jUPnP's API is generic only in part
class JupnpInteropTest {

    private UpnpService jupnp;
    private RunningPublisher publisher;
    private RunningSubscriber subscriber;
    private DisposableServer server;

    @AfterEach
    void stop() {
        if (subscriber != null) {
            subscriber.close(Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        }
        if (jupnp != null) {
            jupnp.shutdown();
        }
        if (publisher != null) {
            publisher.stop().block(Duration.ofSeconds(10));
        }
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
        }
    }

    private UpnpService startJupnp() {
        UpnpServiceImpl service = new UpnpServiceImpl(new LoopbackUpnpConfiguration());
        service.startup();
        return service;
    }

    @Test
    @DisplayName("jUPnP as control point subscribes to our publisher, gets the initial event and changes, renews and unsubscribes")
    void jupnpSubscribesToOurPublisher() throws Exception {
        StateVariables state = StateVariables.of(Map.of("demo.temp", "21.5"));
        publisher = GenaPublisher.create().service(EventedService.create("/upnp/event/topics", state))
                .start().block(Duration.ofSeconds(10));
        server = HttpServer.create().host("127.0.0.1").port(0).route(publisher.routes()).bindNow();
        jupnp = startJupnp();

        RemoteService remote = new RemoteService(new UDAServiceType("Topics", 1), new UDAServiceId("Topics"),
                URI.create("/scpd.xml"), URI.create("/control"), URI.create("/upnp/event/topics"), null,
                new StateVariable[] {new StateVariable<>("demo.temp",
                        new StateVariableTypeDetails(Datatype.Builtin.STRING.getDatatype()),
                        new StateVariableEventDetails(true))});
        RemoteDevice device = new RemoteDevice(new RemoteDeviceIdentity(UDN.uniqueSystemIdentifier("tributary-interop"), 1800,
                new URL("http://127.0.0.1:" + server.port() + "/desc.xml"), null, InetAddress.getByName("127.0.0.1")),
                new UDADeviceType("Gateway", 1), new DeviceDetails("Tributary"), remote);
        // Registering the device is what makes jUPnP serve the event callback path of its services.
        jupnp.getRegistry().addDevice(device);

        BlockingQueue<Map<String, String>> events = new LinkedBlockingQueue<>();
        BlockingQueue<String> lifecycle = new LinkedBlockingQueue<>();
        SubscriptionCallback callback = new SubscriptionCallback(remote, 1800) {
            @Override
            protected void established(GENASubscription subscription) {
                lifecycle.add("established " + subscription.getActualDurationSeconds());
            }

            @Override
            protected void failed(GENASubscription subscription, UpnpResponse response, Exception exception,
                                  String message) {
                lifecycle.add("failed " + message);
            }

            @Override
            protected void ended(GENASubscription subscription, CancelReason reason, UpnpResponse response) {
                lifecycle.add("ended " + reason);
            }

            @Override
            protected void eventReceived(GENASubscription subscription) {
                Map<String, StateVariableValue> values = subscription.getCurrentValues();
                events.add(Map.of("seq", subscription.getCurrentSequence().getValue().toString(),
                        "demo.temp", String.valueOf(values.get("demo.temp"))));
            }

            @Override
            protected void eventsMissed(GENASubscription subscription, int numberOfMissedEvents) {
                lifecycle.add("missed " + numberOfMissedEvents);
            }
        };
        jupnp.getControlPoint().execute(callback);
        assertThat(lifecycle.poll(10, TimeUnit.SECONDS)).isEqualTo("established 1800");
        assertThat(events.poll(10, TimeUnit.SECONDS)).containsEntry("seq", "0").containsEntry("demo.temp", "21.5");
        state.set("demo.temp", "22.0");
        assertThat(events.poll(10, TimeUnit.SECONDS)).containsEntry("seq", "1").containsEntry("demo.temp", "22.0");
        assertThat(publisher.subscriptionCount()).isEqualTo(1);
        callback.end();
        Await.until("jUPnP unsubscribed", () -> publisher.subscriptionCount() == 0);
        assertThat(lifecycle).doesNotContain("missed 1");
    }

    @Test
    @DisplayName("jUPnP as device publishes to our subscriber: initial event, then each change in order")
    void ourSubscriberFollowsJupnpDevice() throws Exception {
        jupnp = startJupnp();
        @SuppressWarnings("unchecked")
        LocalService<SwitchPower> service = new AnnotationLocalServiceBinder().read(SwitchPower.class);
        service.setManager(new DefaultServiceManager<>(service, SwitchPower.class));
        LocalDevice device = new LocalDevice(new DeviceIdentity(UDN.uniqueSystemIdentifier("tributary-light")),
                new UDADeviceType("BinaryLight", 1), new DeviceDetails("Interop light"), service);
        jupnp.getRegistry().addDevice(device);
        int port = jupnp.getRouter().getActiveStreamServers(InetAddress.getByName("127.0.0.1")).get(0).getPort();
        URI eventUrl = URI.create("http://127.0.0.1:" + port
                + jupnp.getConfiguration().getNamespace().getEventSubscriptionPath(service));

        RunningSubscriber[] holder = new RunningSubscriber[1];
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.route(request -> true, (request, response) -> {
                    reactor.netty.http.server.HttpServerRoutes inner =
                            reactor.netty.http.server.HttpServerRoutes.newRoutes();
                    holder[0].callbackRoutes().accept(inner);
                    return inner.apply(request, response);
                })).bindNow();
        subscriber = GenaSubscriber.create(SubscriberConfig.defaults()).callbackPort(server.port()).start();
        holder[0] = subscriber;

        BlockingQueue<GenaEvent> events = new LinkedBlockingQueue<>();
        Disposable subscription = subscriber.subscribe(eventUrl).subscribe(events::add);
        GenaEvent initial = events.poll(10, TimeUnit.SECONDS);
        assertThat(initial).isNotNull();
        assertThat(initial.isInitial()).isTrue();
        assertThat(initial.properties().toMap()).containsEntry("Status", "0");
        for (boolean on : List.of(true, false, true)) {
            service.getManager().getImplementation().setTarget(on);
            GenaEvent change = events.poll(10, TimeUnit.SECONDS);
            assertThat(change).isNotNull();
            assertThat(change.isGap()).isFalse();
            assertThat(change.properties().get("Status")).isEqualTo(on ? "1" : "0");
        }
        assertThat(jupnp.getRegistry().getLocalSubscription(initial.sid())).isNotNull();
        subscription.dispose();
        Await.until("jUPnP removed the subscription",
                () -> jupnp.getRegistry().getLocalSubscription(initial.sid()) == null);
    }
}
