package io.tributary.app.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.upnp.UpnpAdapter;
import io.tributary.upnp.UpnpConfig;
import io.tributary.upnp.discovery.DiscoveryConfig;
import io.tributary.upnp.ssdp.SsdpConfig;

/**
 * A second gateway on loopback that is a UPnP device (Gateway:1 with a Kitchen service eventing a Temperature),
 * SSDP on an ephemeral port of {@code lo}, and the unicast ssdp:alive that tells another gateway's discovery of it
 * (loopback carries no multicast).
 */
public final class LoopbackUpnpDevice implements AutoCloseable {

    /** The device type the description declares. */
    public static final String DEVICE_TYPE = "urn:tributary-io:device:Gateway:1";
    /** The service type of the evented service. */
    public static final String KITCHEN = "urn:tributary-io:service:Kitchen:1";
    /** A discovery rule following the Kitchen service, as {@code TRIBUTARY_UPNP_DISCOVERY_RULES}. */
    public static final String FOLLOW_KITCHEN = "[{device-types: [" + DEVICE_TYPE + "], service-types: [" + KITCHEN
            + "]}]";
    /** Settings that keep a gateway's SSDP and multicast events on ephemeral ports of {@code lo}, as env. */
    public static final Map<String, String> LOOPBACK_SSDP = Map.of("TRIBUTARY_UPNP_SSDP_PORT", "0",
            "TRIBUTARY_UPNP_SSDP_INTERFACES", "[lo]", "TRIBUTARY_UPNP_MULTICAST_EVENTS_PORT", "0");

    private final UpnpAdapter adapter;
    private final RunningGateway gateway;

    private LoopbackUpnpDevice(UpnpAdapter adapter, RunningGateway gateway) {
        this.adapter = adapter;
        this.gateway = gateway;
    }

    /** @return a started device whose Temperature is 21 */
    public static LoopbackUpnpDevice start() {
        Settings ssdp = SsdpConfig.defaults().with(SsdpConfig.PORT, 0).with(SsdpConfig.INTERFACES, List.of("lo"));
        Settings temperature = UpnpConfig.VARIABLE.defaults()
                .with(UpnpConfig.VARIABLE_TOPIC, Topic.of("kitchen/temp"))
                .with(UpnpConfig.VARIABLE_NAME, "Temperature");
        Settings kitchen = UpnpConfig.SERVICE.defaults().with(UpnpConfig.SERVICE_PATH, "/upnp/event/kitchen")
                .with(UpnpConfig.SERVICE_VARIABLES, List.of(temperature));
        UpnpAdapter adapter = UpnpAdapter.create(UpnpConfig.defaults().with(UpnpConfig.SSDP, ssdp)
                .with(UpnpConfig.SERVICES, List.of(kitchen))
                .with(UpnpConfig.DISCOVERY, DiscoveryConfig.ENABLED, false));
        RunningGateway gateway = Gateway.create().host("127.0.0.1").port(0).adapter(adapter).start()
                .block(Duration.ofSeconds(10));
        gateway.router().publish(Message.builder(Topic.of("kitchen/temp")).payload("21").retain(true).build());
        return new LoopbackUpnpDevice(adapter, gateway);
    }

    /** @return the device's UDN */
    public String udn() {
        return adapter.documents().device().udn();
    }

    /** @return its description URL */
    public String location() {
        return "http://127.0.0.1:" + gateway.httpAddress().getPort() + "/upnp/description.xml";
    }

    /** @return its SSDP port on 127.0.0.1, which answers unicast M-SEARCH */
    public int ssdpPort() {
        return adapter.ssdp().port();
    }

    /**
     * Sends the device's root ssdp:alive to a gateway's SSDP port on 127.0.0.1.
     *
     * @param port the other gateway's SSDP port
     * @throws IOException if it cannot be sent
     */
    public void announceTo(int port) throws IOException {
        String alive = "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\n"
                + "LOCATION: " + location() + "\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n"
                + "USN: " + udn() + "::upnp:rootdevice\r\nBOOTID.UPNP.ORG: 1\r\nCONFIGID.UPNP.ORG: 1\r\n\r\n";
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] bytes = alive.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
        }
    }

    @Override
    public void close() {
        gateway.stop().block(Duration.ofSeconds(20));
    }
}
