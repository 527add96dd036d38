package io.tributary.upnp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.upnp.discovery.DiscoveryConfig;
import io.tributary.upnp.discovery.SubscriptionState;
import io.tributary.upnp.multicast.MulticastEventConfig;
import io.tributary.upnp.ssdp.SsdpConfig;
import io.tributary.upnp.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

/**
 * Two gateways on the loopback interface: one a device, the other a control point with a discovery rule for
 * Gateway:1 devices' Kitchen services. The control point is told of the device by a unicast ssdp:alive (on loopback
 * there is no multicast), fetches its description, follows it into its router, and lets go on ssdp:byebye.
 */
class DiscoveryLoopbackTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private UpnpAdapter deviceAdapter;
    private UpnpAdapter controlAdapter;
    private RunningGateway device;
    private RunningGateway control;

    @BeforeEach
    void start() {
        Settings ssdp = SsdpConfig.defaults().with(SsdpConfig.PORT, 0).with(SsdpConfig.INTERFACES, List.of("lo"));
        Settings temperature = UpnpConfig.VARIABLE.defaults()
                .with(UpnpConfig.VARIABLE_TOPIC, Topic.of("coap/kitchen/temp"))
                .with(UpnpConfig.VARIABLE_NAME, "Temperature");
        Settings kitchen = UpnpConfig.SERVICE.defaults().with(UpnpConfig.SERVICE_PATH, "/upnp/event/kitchen")
                .with(UpnpConfig.SERVICE_VARIABLES, List.of(temperature));
        deviceAdapter = UpnpAdapter.create(UpnpConfig.defaults().with(UpnpConfig.SSDP, ssdp)
                .with(UpnpConfig.SERVICES, List.of(kitchen))
                .with(UpnpConfig.DISCOVERY, DiscoveryConfig.ENABLED, false));
        device = Gateway.create().host("127.0.0.1").port(0).adapter(deviceAdapter).start()
                .block(Duration.ofSeconds(10));
        device.router().publish(Message.builder(Topic.of("coap/kitchen/temp")).payload("21").retain(true).build());

        Settings rule = DiscoveryConfig.RULE.defaults()
                .with(DiscoveryConfig.RULE_DEVICE_TYPES, List.of("urn:tributary-io:device:Gateway:1"))
                .with(DiscoveryConfig.RULE_SERVICE_TYPES, List.of("urn:tributary-io:service:Kitchen:1"));
        controlAdapter = UpnpAdapter.create(UpnpConfig.defaults().with(UpnpConfig.SSDP, ssdp)
                .with(UpnpConfig.SSDP, SsdpConfig.ADVERTISE, false)
                .with(UpnpConfig.DISCOVERY, DiscoveryConfig.RULES, List.of(rule))
                .with(UpnpConfig.MULTICAST_EVENTS, MulticastEventConfig.PORT, 0));
        control = Gateway.create().host("127.0.0.1").port(0).meterRegistry(meters).adapter(controlAdapter).start()
                .block(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        StepVerifier.create(control.stop()).expectComplete().verify(Duration.ofSeconds(20));
        StepVerifier.create(device.stop()).expectComplete().verify(Duration.ofSeconds(20));
    }

    private static void send(int port, String datagram) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] bytes = datagram.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
        }
    }

    private String notify(String nts, String udn) {
        return "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\n"
                + "LOCATION: http://127.0.0.1:" + device.httpAddress().getPort() + "/upnp/description.xml\r\n"
                + "NT: upnp:rootdevice\r\nNTS: " + nts + "\r\nUSN: " + udn + "::upnp:rootdevice\r\n"
                + "BOOTID.UPNP.ORG: 1\r\nCONFIGID.UPNP.ORG: 1\r\n\r\n";
    }

    private String retained(String topic) {
        Message message = control.router().retainedValue(Topic.of(topic));
        return message == null ? null : message.payloadUtf8();
    }

    @Test
    @DisplayName("a matching device is described, followed into upnp/<udn>/<serviceId>/<variable> and"
            + " upnp/<udn>/online, listed at /upnp/devices, and let go on ssdp:byebye")
    void followsDevice() throws Exception {
        String udn = deviceAdapter.documents().device().udn();
        send(controlAdapter.ssdp().port(), notify("ssdp:alive", udn));
        Await.until("online", () -> "true".equals(retained("upnp/" + udn + "/online")));
        Await.until("initial event", () -> "21".equals(retained("upnp/" + udn + "/Kitchen/Temperature")));
        device.router().publish(Message.builder(Topic.of("coap/kitchen/temp")).payload("22").retain(true).build());
        Await.until("change", () -> "22".equals(retained("upnp/" + udn + "/Kitchen/Temperature")));
        assertThat(retained("upnp/" + udn + "/Topics/coap.kitchen.temp")).as("the Topics service is not followed")
                .isNull();

        assertThat(controlAdapter.devices()).singleElement().satisfies(found -> {
            assertThat(found.udn()).isEqualTo(udn);
            assertThat(found.deviceType()).isEqualTo("urn:tributary-io:device:Gateway:1");
            assertThat(found.followed()).isTrue();
            assertThat(found.services()).extracting(service -> service.serviceId() + " " + service.subscription())
                    .containsExactly("urn:tributary-io:serviceId:Topics " + SubscriptionState.NONE,
                            "urn:tributary-io:serviceId:Kitchen " + SubscriptionState.SUBSCRIBED);
        });
        String json = HttpClient.create().get().uri("http://127.0.0.1:" + control.httpAddress().getPort()
                + "/upnp/devices").responseContent().aggregate().asString().block(Duration.ofSeconds(10));
        assertThat(json).startsWith("{\"devices\":[{\"udn\":\"" + udn + "\",\"deviceType\":"
                + "\"urn:tributary-io:device:Gateway:1\",\"friendlyName\":\"Tributary gateway\"")
                .contains("\"followed\":true").contains("\"serviceId\":\"urn:tributary-io:serviceId:Kitchen\","
                        + "\"eventSubUrl\":\"http://127.0.0.1:" + device.httpAddress().getPort()
                        + "/upnp/event/kitchen\",\"subscription\":\"subscribed\"");
        assertThat(deviceAdapter.publisher().subscriptions()).singleElement()
                .satisfies(subscription -> assertThat(subscription.path()).isEqualTo("/upnp/event/kitchen"));

        send(controlAdapter.ssdp().port(), notify("ssdp:byebye", udn));
        Await.until("offline", () -> "false".equals(retained("upnp/" + udn + "/online")));
        Await.until("unsubscribed", () -> deviceAdapter.publisher().subscriptions().isEmpty());
        assertThat(controlAdapter.devices()).isEmpty();
    }

    @Test
    @DisplayName("UDA 2.0 §4.3.3: a multicast event of a followed service is published like a unicast one, each SEQ"
            + " once; one of a device not followed is not")
    void multicastEvents() throws Exception {
        String udn = deviceAdapter.documents().device().udn();
        send(controlAdapter.ssdp().port(), notify("ssdp:alive", udn));
        Await.until("followed", () -> "21".equals(retained("upnp/" + udn + "/Kitchen/Temperature")));
        int port = controlAdapter.network().receiver().port();
        String event = "NOTIFY * HTTP/1.0\r\nHOST: 239.255.255.246:7900\r\n"
                + "CONTENT-TYPE: text/xml; charset=\"utf-8\"\r\n"
                + "USN: " + udn + "::urn:tributary-io:service:Kitchen:1\r\n"
                + "SVCID: urn:tributary-io:serviceId:Kitchen\r\n"
                + "NT: upnp:event\r\nNTS: upnp:propchange\r\nSEQ: %d\r\nLVL: upnp:/info\r\nBOOTID.UPNP.ORG: 1\r\n\r\n"
                + "<?xml version=\"1.0\"?><e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\"><e:property>"
                + "<Door>%s</Door></e:property></e:propertyset>";
        send(port, String.format(event, 0, "open"));
        Await.until("multicast event published", () -> "open".equals(retained("upnp/" + udn + "/Kitchen/Door")));
        send(port, String.format(event, 0, "closed"));
        send(port, String.format(event.replace(udn, "uuid:someone-else"), 5, "closed"));
        send(port, "NOTIFY * HTTP/1.0\r\nNT: upnp:event\r\n\r\n");
        Await.until("the bad one counted", () -> meters.get("tributary.upnp.multicast.rejected")
                .tag("reason", "not-an-event").counter().count() == 1);
        assertThat(retained("upnp/" + udn + "/Kitchen/Door")).as("SEQ 0 again is not published").isEqualTo("open");
        assertThat(retained("upnp/uuid:someone-else/Kitchen/Door")).as("not followed").isNull();
        send(port, String.format(event, 1, "ajar"));
        Await.until("SEQ 1 published", () -> "ajar".equals(retained("upnp/" + udn + "/Kitchen/Door")));
        assertThat(control.router().retainedValue(Topic.of("upnp/" + udn + "/Kitchen/Door")).attribute("seq"))
                .isEqualTo("1");
    }
}
