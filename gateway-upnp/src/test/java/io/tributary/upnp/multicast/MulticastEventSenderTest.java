package io.tributary.upnp.multicast;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.upnp.description.ServiceDescription;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.http.GenaHeaders;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.StateVariables;
import io.tributary.upnp.ssdp.SsdpInterface;
import io.tributary.upnp.ssdp.SsdpLink;
import io.tributary.upnp.ssdp.SsdpMessage;
import io.tributary.upnp.ssdp.SsdpTransport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class MulticastEventSenderTest {

    private static final String UDN = "uuid:5a1c0d3e-9b7f-4c2a-8e61-0f2d4b6a8c10";

    private final List<SsdpMessage> sent = new ArrayList<>();
    private final List<InetSocketAddress> recipients = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EventedService kitchen = EventedService.create("/upnp/event/kitchen", StateVariables.create())
            .multicast("Temperature");

    private MulticastEventSender sender(int maxSize) throws Exception {
        SsdpLink eth0 = new SsdpLink(new SsdpInterface("eth0", 2, List.of(new SsdpInterface.Address(
                InetAddress.getByName("192.168.1.10"), 24))), false);
        SsdpTransport transport = (message, recipient, via) -> {
            sent.add(message);
            recipients.add(recipient);
            return Mono.empty();
        };
        return new MulticastEventSender(MulticastEventConfig.defaults().with(MulticastEventConfig.MAX_DATAGRAM_SIZE,
                maxSize), transport, () -> List.of(eth0), () -> 7, UDN, Map.of("/upnp/event/kitchen",
                new ServiceDescription("urn:tributary-io:service:Kitchen:1", "urn:tributary-io:serviceId:Kitchen",
                        "/upnp/scpd/kitchen.xml", "/upnp/control/kitchen", "/upnp/event/kitchen")), meters);
    }

    private static List<String> lines(SsdpMessage message) {
        List<String> lines = new ArrayList<>(List.of(message.startLine()));
        message.headers().forEach(header -> lines.add(header.getKey() + ": " + header.getValue()));
        return lines;
    }

    @Test
    @DisplayName("UDA 2.0 §4.3.3: NOTIFY * to 239.255.255.246:7900 with NT, NTS, USN, SVCID, SEQ from 0 per service,"
            + " LVL, BOOTID and the property set as body")
    void format() throws Exception {
        MulticastEventSender sender = sender(1472);
        sender.send(kitchen, PropertySet.of("Temperature", "21.5"));
        sender.send(kitchen, PropertySet.of("Temperature", "22"));
        assertThat(recipients).containsOnly(new InetSocketAddress("239.255.255.246", 7900));
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><e:propertyset xmlns:e=\"urn:schemas-upnp-org:"
                + "event-1-0\"><e:property><Temperature>21.5</Temperature></e:property></e:propertyset>";
        assertThat(lines(sent.get(0))).containsExactly("NOTIFY * HTTP/1.0", "HOST: 239.255.255.246:7900",
                "CONTENT-TYPE: text/xml; charset=\"utf-8\"", "USN: " + UDN + "::urn:tributary-io:service:Kitchen:1",
                "SVCID: urn:tributary-io:serviceId:Kitchen", "NT: upnp:event", "NTS: upnp:propchange", "SEQ: 0",
                "LVL: upnp:/info", "BOOTID.UPNP.ORG: 7", "CONTENT-LENGTH: " + body.length());
        assertThat(new String(sent.get(0).body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(sent.get(1).header("SEQ")).isEqualTo("1");
        assertThat(GenaHeaders.nextSeq(GenaHeaders.MAX_SEQ)).as("the wrap it shares with unicast events").isEqualTo(1);
    }

    @Test
    @DisplayName("an event that does not fit one datagram is not sent, but counted")
    void tooLarge() throws Exception {
        MulticastEventSender sender = sender(600);
        sender.send(kitchen, PropertySet.of("Temperature", "x".repeat(400)));
        assertThat(sent).isEmpty();
        assertThat(meters.get("tributary.upnp.multicast.dropped").tag("reason", "too-large").counter().count())
                .isEqualTo(1);
        sender.send(kitchen, PropertySet.of("Temperature", "1"));
        assertThat(sent).singleElement().satisfies(event -> assertThat(event.header("SEQ")).isEqualTo("1"));
    }
}
