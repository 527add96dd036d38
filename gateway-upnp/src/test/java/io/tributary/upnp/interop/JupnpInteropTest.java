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
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.time.VirtualClock;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.GenaPublisher;
import io.tributary.upnp.publisher.PublisherConfig;
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
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.test.StepVerifier;

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
            StepVerifier.create(subscriber.close(Duration.ofSeconds(5))).expectComplete()
                    .verify(Duration.ofSeconds(10));
        }
        if (jupnp != null) {
            jupnp.shutdown();
        }
        if (publisher != null) {
            StepVerifier.create(publisher.stop()).expectComplete().verify(Duration.ofSeconds(10));
        }
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
        }
    }

    private static double renewals(SimpleMeterRegistry meters, String outcome) {
        Counter counter = meters.find("tributary.upnp.subscriber.requests").tags("type", "renew", "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
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
        // A 2 s grant makes jUPnP renew after about 1 s of its own (real) time; our expiry is on a virtual clock
        // that never moves, so the subscription cannot expire while jUPnP is about to renew it.
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        publisher = GenaPublisher.create().service(EventedService.create("/upnp/event/topics", state))
                .settings(PublisherConfig.defaults().with(PublisherConfig.TIMEOUT_MIN, Duration.ofSeconds(1))
                        .with(PublisherConfig.TIMEOUT_DEFAULT, Duration.ofSeconds(2))
                        .with(PublisherConfig.TIMEOUT_MAX, Duration.ofSeconds(2)))
                .meterRegistry(meters).clock(new VirtualClock())
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
        assertThat(lifecycle.poll(10, TimeUnit.SECONDS)).isEqualTo("established 2");
        assertThat(events.poll(10, TimeUnit.SECONDS)).containsEntry("seq", "0").containsEntry("demo.temp", "21.5");
        state.set("demo.temp", "22.0");
        assertThat(events.poll(10, TimeUnit.SECONDS)).containsEntry("seq", "1").containsEntry("demo.temp", "22.0");
        List<String> sids = publisher.sids("/upnp/event/topics");
        assertThat(sids).hasSize(1);
        Await.until("jUPnP renewed", () -> meters.get("tributary.upnp.subscribe").tag("type", "renew").counter()
                .count() >= 1);
        assertThat(publisher.sids("/upnp/event/topics")).as("renewal keeps the SID").isEqualTo(sids);
        state.set("demo.temp", "22.5");
        assertThat(events.poll(10, TimeUnit.SECONDS)).containsEntry("seq", "2").containsEntry("demo.temp", "22.5");
        callback.end();
        Await.until("jUPnP unsubscribed", () -> publisher.subscriptionCount() == 0);
        assertThat(lifecycle).noneMatch(entry -> entry.startsWith("failed") || entry.startsWith("missed"));
    }

    @Test
    @DisplayName("jUPnP as device publishes to our subscriber: initial event, each change in order, a renewal it accepts")
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
                    HttpServerRoutes inner = HttpServerRoutes.newRoutes();
                    holder[0].callbackRoutes().accept(inner);
                    return inner.apply(request, response);
                })).bindNow();
        VirtualClock clock = new VirtualClock();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        subscriber = GenaSubscriber.create(SubscriberConfig.defaults()).callbackPort(server.port()).clock(clock)
                .meterRegistry(meters).start();
        holder[0] = subscriber;

        AtomicReference<String> sid = new AtomicReference<>();
        StepVerifier.Step<GenaEvent> steps = StepVerifier.create(subscriber.subscribe(eventUrl))
                .assertNext(initial -> {
                    assertThat(initial.isInitial()).isTrue();
                    assertThat(initial.properties().toMap()).containsEntry("Status", "0");
                    assertThat(jupnp.getRegistry().getLocalSubscription(initial.sid())).isNotNull();
                    sid.set(initial.sid());
                });
        for (boolean on : List.of(true, false, true)) {
            steps = steps.then(() -> service.getManager().getImplementation().setTarget(on))
                    .assertNext(change -> {
                        assertThat(change.isGap()).isFalse();
                        assertThat(change.sid()).isEqualTo(sid.get());
                        assertThat(change.properties().get("Status")).isEqualTo(on ? "1" : "0");
                    });
        }
        steps.then(() -> {
                    // Renewal is due at half the granted 1800 s, plus or minus 10 %: 990 s is always past it.
                    Await.until("renewal armed", () -> clock.pending() == 1);
                    clock.advance(Duration.ofSeconds(990));
                    Await.until("jUPnP accepted the renewal", () -> renewals(meters, "ok") == 1);
                    assertThat(renewals(meters, "failed")).isZero();
                    assertThat(jupnp.getRegistry().getLocalSubscription(sid.get())).isNotNull();
                    service.getManager().getImplementation().setTarget(false);
                })
                .assertNext(change -> {
                    assertThat(change.sid()).as("the renewed SID still carries events").isEqualTo(sid.get());
                    assertThat(change.properties().get("Status")).isEqualTo("0");
                })
                .thenCancel()
                .verify(Duration.ofSeconds(30));
        Await.until("jUPnP removed the subscription",
                () -> jupnp.getRegistry().getLocalSubscription(sid.get()) == null);
    }
}
