package io.tributary.upnp.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.upnp.description.DeviceDocuments;
import io.tributary.upnp.description.Scpd;
import io.tributary.upnp.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * SSDP over real sockets on the loopback interface (port 0, so nothing else on the host is disturbed): unicast
 * searches (UDA 2.0) through {@link SsdpSearch}, malformed datagrams, and advertisements of other devices.
 */
class SsdpLoopbackTest {

    private static final String UDN = SsdpFixtures.UDN;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private RunningSsdp ssdp;
    private InetSocketAddress endpoint;

    @BeforeEach
    void start() {
        Scpd empty = new Scpd(List.of(), List.of(Scpd.StateVariable.evented("A")));
        DeviceDocuments documents = new DeviceDocuments(SsdpFixtures.gateway(), Map.of("/upnp/scpd/topics.xml", empty,
                "/upnp/scpd/kitchen.xml", empty));
        ssdp = SsdpServer.create(SsdpConfig.defaults().with(SsdpConfig.PORT, 0)
                        .with(SsdpConfig.INTERFACES, List.of("lo")))
                .device(documents).http(new InetSocketAddress("127.0.0.1", 8080)).meterRegistry(registry)
                .start().block(Duration.ofSeconds(10));
        endpoint = new InetSocketAddress("127.0.0.1", ssdp.port());
    }

    @AfterEach
    void stop() {
        StepVerifier.create(ssdp.stop(Duration.ofSeconds(2))).expectComplete().verify(Duration.ofSeconds(10));
    }

    private static void sendRaw(InetSocketAddress to, String text) throws Exception {
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        }
    }

    @Test
    @DisplayName("UDA 2.0 §1.3.2: a unicast M-SEARCH for ssdp:all is answered at once with every notification, the"
            + " LOCATION on the interface's address")
    void unicastSearch() {
        StepVerifier.create(SsdpSearch.create().target(endpoint).timeout(Duration.ofSeconds(2)).search()
                        .map(response -> response.type() + " " + response.location()).collectList())
                .assertNext(responses -> assertThat(responses).containsExactlyInAnyOrder(
                        "upnp:rootdevice http://127.0.0.1:8080/upnp/description.xml",
                        UDN + " http://127.0.0.1:8080/upnp/description.xml",
                        "urn:tributary-io:device:Gateway:1 http://127.0.0.1:8080/upnp/description.xml",
                        "urn:tributary-io:service:Topics:1 http://127.0.0.1:8080/upnp/description.xml",
                        "urn:tributary-io:service:Kitchen:2 http://127.0.0.1:8080/upnp/description.xml"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(registry.get("tributary.upnp.ssdp.searches").tag("result", "answered").counter().count())
                .as("sent twice, answered twice, emitted once each").isEqualTo(2);
    }

    @Test
    @DisplayName("malformed datagrams are dropped and counted; the channel keeps answering")
    void malformed() throws Exception {
        sendRaw(endpoint, "\u0000\u0001\u0002 not http");
        sendRaw(endpoint, "M-SEARCH * HTTP/1.1\r\n" + "X: y\r\n".repeat(40) + "\r\n");
        sendRaw(endpoint, "M-SEARCH * HTTP/1.1\r\nX: " + "a".repeat(3000) + "\r\n\r\n");
        Await.until("three drops counted", () -> registry.get("tributary.upnp.ssdp.dropped").tag("reason", "not-http")
                .counter().count() == 1 && registry.get("tributary.upnp.ssdp.dropped").tag("reason",
                "too-many-headers").counter().count() == 1 && registry.get("tributary.upnp.ssdp.dropped")
                .tag("reason", "too-large").counter().count() == 1);
        StepVerifier.create(SsdpSearch.create().target(endpoint).searchTarget("upnp:rootdevice")
                        .timeout(Duration.ofSeconds(2)).search())
                .assertNext(response -> assertThat(response.usn()).isEqualTo(UDN + "::upnp:rootdevice"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("UDA §1.2.2: another device's ssdp:alive is heard with its USN, LOCATION, max-age, BOOTID, CONFIGID")
    void hearsAdvertisements() throws Exception {
        StepVerifier.create(ssdp.announcements().filter(announcement -> announcement.udn().equals("uuid:tv")))
                .then(() -> {
                    try {
                        sendRaw(endpoint, "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
                                + "CACHE-CONTROL: max-age=100\r\nLOCATION: http://127.0.0.1:9/d.xml\r\n"
                                + "NT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nUSN: uuid:tv::upnp:rootdevice\r\n"
                                + "BOOTID.UPNP.ORG: 3\r\nCONFIGID.UPNP.ORG: 9\r\n\r\n");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .assertNext(alive -> {
                    assertThat(alive.kind()).isEqualTo(SsdpAnnouncement.Kind.ALIVE);
                    assertThat(alive.type()).isEqualTo("upnp:rootdevice");
                    assertThat(alive.location()).isEqualTo("http://127.0.0.1:9/d.xml");
                    assertThat(alive.maxAgeSeconds()).isEqualTo(100);
                    assertThat(alive.bootId()).isEqualTo(3);
                    assertThat(alive.configId()).isEqualTo(9);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }
}
