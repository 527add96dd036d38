package io.tributary.upnp.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.time.VirtualClock;
import io.tributary.upnp.http.UpnpHttp;
import io.tributary.upnp.ssdp.SsdpFixtures.RecordingTransport;
import io.tributary.upnp.ssdp.SsdpFixtures.Sent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class AdvertiserTest {

    private static final String UDN = SsdpFixtures.UDN;

    private final VirtualClock clock = new VirtualClock();
    private final RecordingTransport transport = new RecordingTransport();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SsdpLink eth0 = new SsdpLink(SsdpFixtures.eth0(), false);
    private final Advertiser advertiser = new Advertiser(new Announcements(SsdpFixtures.gateway(), 1800), transport,
            clock, new Random(1), new SsdpMeters(registry), MulticastGroup.ssdp(1900), 1800, 2, 8080, 7, 42);

    @Test
    @DisplayName("UDA §1.2.2: at start ssdp:alive for the root device, the UDN, the device type and each service"
            + " type, to 239.255.255.250:1900, sent twice 200 ms apart")
    void aliveAtStart() {
        advertiser.start(List.of(eth0));
        List<Sent> first = transport.take();
        assertThat(first).extracting(sent -> sent.header("NT")).containsExactly("upnp:rootdevice", UDN,
                "urn:tributary-io:device:Gateway:1", "urn:tributary-io:service:Topics:1",
                "urn:tributary-io:service:Kitchen:2");
        assertThat(first).allSatisfy(sent -> {
            assertThat(sent.recipient()).isEqualTo(SsdpFixtures.peer("239.255.255.250", 1900));
            assertThat(sent.via()).isEqualTo(eth0);
        });
        assertThat(SsdpFixtures.lines(first.get(0).message())).containsExactly("NOTIFY * HTTP/1.1",
                "HOST: 239.255.255.250:1900", "CACHE-CONTROL: max-age=1800",
                "LOCATION: http://192.168.1.10:8080/upnp/description.xml", "NT: upnp:rootdevice", "NTS: ssdp:alive",
                "SERVER: " + UpnpHttp.SERVER, "USN: " + UDN + "::upnp:rootdevice", "BOOTID.UPNP.ORG: 7",
                "CONFIGID.UPNP.ORG: 42");
        clock.advance(Duration.ofMillis(199));
        assertThat(transport.take()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(transport.take()).extracting(sent -> SsdpFixtures.lines(sent.message()))
                .isEqualTo(first.stream().map(sent -> SsdpFixtures.lines(sent.message())).toList());
        assertThat(registry.get("tributary.upnp.ssdp.sent").tag("type", "alive").counter().count()).isEqualTo(10);
    }

    @Test
    @DisplayName("UDA §1.2.2: re-advertised at a random time between a quarter and 45 % of max-age, well before half")
    void readvertises() {
        advertiser.start(List.of(eth0));
        clock.advance(Duration.ofSeconds(1));
        transport.take();
        clock.advance(Duration.ofSeconds(449));
        assertThat(transport.take()).as("not before a quarter of 1800 s").isEmpty();
        clock.advance(Duration.ofSeconds(361));
        assertThat(transport.take()).as("by 45 % of 1800 s, twice").hasSize(10);
        clock.advance(Duration.ofSeconds(810));
        assertThat(transport.take()).as("and again").hasSize(10);
    }

    @Test
    @DisplayName("UDA 1.1 §1.1.2: a configuration change is announced at once with the new CONFIGID")
    void configChange() {
        advertiser.start(List.of(eth0));
        clock.advance(Duration.ofSeconds(1));
        transport.take();
        advertiser.configChanged(43);
        assertThat(transport.take()).hasSize(5).allSatisfy(sent -> {
            assertThat(sent.header("NTS")).isEqualTo("ssdp:alive");
            assertThat(sent.header("CONFIGID.UPNP.ORG")).isEqualTo("43");
            assertThat(sent.header("BOOTID.UPNP.ORG")).isEqualTo("7");
        });
    }

    @Test
    @DisplayName("UDA §1.2.4: when an interface is added, ssdp:update with BOOTID and NEXTBOOTID goes out on the"
            + " interfaces that stay, then ssdp:alive with the new BOOTID on all")
    void update() {
        advertiser.start(List.of(eth0));
        clock.advance(Duration.ofSeconds(1));
        transport.take();
        SsdpInterface wlan = new SsdpInterface("wlan0", 3, List.of(new SsdpInterface.Address(
                SsdpFixtures.address("10.1.0.2"), 16)));
        SsdpLink wlan0 = new SsdpLink(wlan, false);
        advertiser.linksChanged(List.of(eth0, wlan0));
        List<Sent> sent = transport.take();
        assertThat(sent.subList(0, 5)).allSatisfy(update -> {
            assertThat(update.via()).isEqualTo(eth0);
            assertThat(SsdpFixtures.lines(update.message())).contains("NTS: ssdp:update", "BOOTID.UPNP.ORG: 7",
                    "NEXTBOOTID.UPNP.ORG: 8", "LOCATION: http://192.168.1.10:8080/upnp/description.xml");
        });
        assertThat(sent.subList(5, 15)).allSatisfy(alive -> {
            assertThat(alive.header("NTS")).isEqualTo("ssdp:alive");
            assertThat(alive.header("BOOTID.UPNP.ORG")).isEqualTo("8");
        });
        assertThat(sent.subList(10, 15)).allSatisfy(alive -> assertThat(alive.header("LOCATION"))
                .isEqualTo("http://10.1.0.2:8080/upnp/description.xml"));
        assertThat(advertiser.bootId()).isEqualTo(8);
    }

    @Test
    @DisplayName("on an IPv6 link advertisements go to [ff02::c]:1900 with HOST [FF02::C]:1900 and the interface's"
            + " IPv6 address in LOCATION")
    void ipv6() {
        SsdpLink v6 = new SsdpLink(new SsdpInterface("eth0", 2, List.of(new SsdpInterface.Address(
                SsdpFixtures.address("fe80::1"), 64), new SsdpInterface.Address(
                SsdpFixtures.address("fd00::10"), 64))), true);
        advertiser.start(List.of(v6));
        assertThat(transport.take()).hasSize(5).allSatisfy(sent -> {
            assertThat(sent.recipient()).isEqualTo(SsdpFixtures.peer("ff02::c", 1900));
            assertThat(sent.header("HOST")).isEqualTo("[FF02::C]:1900");
            assertThat(sent.header("LOCATION")).isEqualTo("http://[fd00::10]:8080/upnp/description.xml");
        });
    }

    @Test
    @DisplayName("UDA §1.2.3: stopping sends ssdp:byebye twice for each notification, then nothing more")
    void byebye() {
        advertiser.start(List.of(eth0));
        transport.take();
        StepVerifier.create(advertiser.stop()).expectComplete().verify(Duration.ofSeconds(5));
        List<Sent> sent = transport.take();
        assertThat(sent).hasSize(10);
        assertThat(SsdpFixtures.lines(sent.get(1).message())).containsExactly("NOTIFY * HTTP/1.1",
                "HOST: 239.255.255.250:1900", "NT: " + UDN, "NTS: ssdp:byebye", "USN: " + UDN, "BOOTID.UPNP.ORG: 7",
                "CONFIGID.UPNP.ORG: 42");
        clock.advance(Duration.ofHours(1));
        advertiser.configChanged(44);
        assertThat(transport.take()).as("the repeat round and renewals are over").isEmpty();
    }
}
