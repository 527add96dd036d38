package io.tributary.upnp.ssdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tributary.upnp.description.DeviceConfig;
import io.tributary.upnp.description.DeviceDescription;
import io.tributary.upnp.description.ServiceDescription;
import reactor.core.publisher.Mono;

/** Devices, interfaces and a recording transport for the SSDP tests. */
final class SsdpFixtures {

    static final String UDN = "uuid:5a1c0d3e-9b7f-4c2a-8e61-0f2d4b6a8c10";

    private SsdpFixtures() {
    }

    /** The gateway with the topics service and a Kitchen:2 service. */
    static DeviceDescription gateway() {
        return DeviceConfig.description(DeviceConfig.defaults(), UDN, List.of(
                new ServiceDescription("urn:tributary-io:service:Topics:1", "urn:tributary-io:serviceId:Topics",
                        "/upnp/scpd/topics.xml", "/upnp/control/topics", "/upnp/event/topics"),
                new ServiceDescription("urn:tributary-io:service:Kitchen:2", "urn:tributary-io:serviceId:Kitchen",
                        "/upnp/scpd/kitchen.xml", "/upnp/control/kitchen", "/upnp/event/kitchen")));
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** eth0 with 192.168.1.10/24. */
    static SsdpInterface eth0() {
        return new SsdpInterface("eth0", 2, List.of(new SsdpInterface.Address(address("192.168.1.10"), 24)));
    }

    static InetSocketAddress peer(String literal, int port) {
        return new InetSocketAddress(address(literal), port);
    }

    /** The message as its header lines, in order, {@code NAME: value}, after the start line. */
    static List<String> lines(SsdpMessage message) {
        List<String> lines = new ArrayList<>();
        lines.add(message.startLine());
        for (Map.Entry<String, String> header : message.headers()) {
            lines.add(header.getKey() + ": " + header.getValue());
        }
        return lines;
    }

    /** Records what is sent instead of sending it. */
    static final class RecordingTransport implements SsdpTransport {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public synchronized Mono<Void> send(SsdpMessage message, InetSocketAddress recipient, SsdpLink via) {
            sent.add(new Sent(message, recipient, via));
            return Mono.empty();
        }

        synchronized List<Sent> take() {
            List<Sent> taken = List.copyOf(sent);
            sent.clear();
            return taken;
        }
    }

    /** One recorded datagram. */
    record Sent(SsdpMessage message, InetSocketAddress recipient, SsdpLink via) {
        String header(String name) {
            return message.header(name);
        }
    }
}
