package io.tributary.upnp.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.time.VirtualClock;
import io.tributary.upnp.http.UpnpHttp;
import io.tributary.upnp.net.Cidr;
import io.tributary.upnp.ssdp.SsdpFixtures.RecordingTransport;
import io.tributary.upnp.ssdp.SsdpFixtures.Sent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SearchResponderTest {

    private static final String UDN = SsdpFixtures.UDN;
    private static final InetSocketAddress SEARCHER = SsdpFixtures.peer("192.168.1.20", 50000);
    private static final InetSocketAddress GROUP = SsdpFixtures.peer("239.255.255.250", 1900);

    private final VirtualClock clock = new VirtualClock();
    private final RecordingTransport transport = new RecordingTransport();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SsdpLink link = new SsdpLink(SsdpFixtures.eth0(), false);

    private SearchResponder responder(int perSource, int total, List<Cidr> allowed) {
        return new SearchResponder(new Announcements(SsdpFixtures.gateway(), 1800), () -> 7, () -> 42, allowed,
                new ResponseLimiter(clock, perSource, total, 16), transport, clock, new Random(1),
                new SsdpMeters(registry), 8080);
    }

    private SearchResponder responder() {
        return responder(20, 200, List.of());
    }

    private static SsdpDatagram search(String st, String mx, InetSocketAddress from, InetSocketAddress to) {
        return new SsdpDatagram(SsdpMessage.builder(SsdpMessage.M_SEARCH).header("HOST", "239.255.255.250:1900")
                .header("MAN", "\"ssdp:discover\"").header("MX", mx).header("ST", st).build(), null, from, to);
    }

    private static SsdpDatagram search(String st) {
        return search(st, "2", SEARCHER, GROUP);
    }

    private List<Sent> answersAfterMx(SearchResponder responder, SsdpDatagram search) {
        responder.onSearch(search, link);
        clock.advance(Duration.ofSeconds(5));
        return transport.take();
    }

    private double dropped(String reason) {
        return registry.get("tributary.upnp.ssdp.dropped").tag("reason", reason).counter().count();
    }

    @Test
    @DisplayName("UDA §1.3.3: a search response carries CACHE-CONTROL, DATE, EXT, LOCATION on the receiving"
            + " interface, SERVER, ST, USN, BOOTID and CONFIGID, sent to the searcher")
    void responseHeaders() {
        List<Sent> sent = answersAfterMx(responder(), search("upnp:rootdevice"));
        assertThat(sent).singleElement().satisfies(response -> {
            assertThat(response.recipient()).isEqualTo(SEARCHER);
            assertThat(response.via()).isEqualTo(link);
            List<String> lines = SsdpFixtures.lines(response.message());
            assertThat(lines.get(2)).startsWith("DATE: ");
            ZonedDateTime.parse(lines.get(2).substring(6), DateTimeFormatter.RFC_1123_DATE_TIME);
            assertThat(lines).containsExactly("HTTP/1.1 200 OK", "CACHE-CONTROL: max-age=1800", lines.get(2),
                    "EXT: ", "LOCATION: http://192.168.1.10:8080/upnp/description.xml", "SERVER: " + UpnpHttp.SERVER,
                    "ST: upnp:rootdevice", "USN: " + UDN + "::upnp:rootdevice", "BOOTID.UPNP.ORG: 7",
                    "CONFIGID.UPNP.ORG: 42");
        });
    }

    @Test
    @DisplayName("UDA §1.3.2: ssdp:all gets one response per notification; a UDN, a device type and a service type"
            + " one each; an older version is answered with the searched ST, a newer one not at all")
    void searchTargets() {
        SearchResponder responder = responder();
        assertThat(answersAfterMx(responder, search("ssdp:all"))).extracting(sent -> sent.header("ST") + " "
                + sent.header("USN")).containsExactly(
                "upnp:rootdevice " + UDN + "::upnp:rootdevice",
                UDN + " " + UDN,
                "urn:tributary-io:device:Gateway:1 " + UDN + "::urn:tributary-io:device:Gateway:1",
                "urn:tributary-io:service:Topics:1 " + UDN + "::urn:tributary-io:service:Topics:1",
                "urn:tributary-io:service:Kitchen:2 " + UDN + "::urn:tributary-io:service:Kitchen:2");
        assertThat(answersAfterMx(responder, search(UDN.toUpperCase().replace("UUID", "uuid"))))
                .extracting(sent -> sent.header("USN")).containsExactly(UDN);
        assertThat(answersAfterMx(responder, search("urn:tributary-io:device:Gateway:1")))
                .extracting(sent -> sent.header("ST")).containsExactly("urn:tributary-io:device:Gateway:1");
        assertThat(answersAfterMx(responder, search("urn:tributary-io:service:Kitchen:1")))
                .extracting(sent -> sent.header("ST") + " " + sent.header("USN"))
                .containsExactly("urn:tributary-io:service:Kitchen:1 " + UDN + "::urn:tributary-io:service:Kitchen:1");
        assertThat(answersAfterMx(responder, search("urn:tributary-io:service:Kitchen:3"))).isEmpty();
        assertThat(answersAfterMx(responder, search("urn:schemas-upnp-org:device:MediaRenderer:1"))).isEmpty();
        assertThat(registry.get("tributary.upnp.ssdp.searches").tag("result", "no-match").counter().count())
                .isEqualTo(2);
    }

    @Test
    @DisplayName("UDA §1.3.2: a multicast search is answered after a random delay below MX, capped at 5 s; a unicast"
            + " search (UDA 2.0) at once, MX or not")
    void delays() {
        SearchResponder responder = responder();
        responder.onSearch(search("upnp:rootdevice", "1", SEARCHER, GROUP), link);
        assertThat(transport.take()).as("not at once (the seeded delay is above zero)").isEmpty();
        clock.advance(Duration.ofMillis(999));
        assertThat(transport.take()).as("within MX").hasSize(1);
        responder.onSearch(search("upnp:rootdevice", "120", SEARCHER, GROUP), link);
        clock.advance(Duration.ofMillis(4999));
        assertThat(transport.take()).as("MX is capped at 5 s").hasSize(1);
        responder.onSearch(search("upnp:rootdevice", null, SEARCHER, SsdpFixtures.peer("192.168.1.10", 1900)), link);
        assertThat(transport.take()).as("unicast: at once").hasSize(1);
    }

    @Test
    @DisplayName("reflection: a search from outside the receiving interface's subnets gets nothing unless its network"
            + " is allowed; counted off-subnet")
    void offSubnet() {
        InetSocketAddress outsider = SsdpFixtures.peer("10.0.0.5", 1900);
        assertThat(answersAfterMx(responder(), search("ssdp:all", "1", outsider, GROUP))).isEmpty();
        assertThat(dropped("off-subnet")).isEqualTo(1);
        assertThat(answersAfterMx(responder(20, 200, List.of(Cidr.parse("10.0.0.0/8"))),
                search("upnp:rootdevice", "1", outsider, GROUP))).hasSize(1);
    }

    @Test
    @DisplayName("reflection: a flood of searches from one source gets at most the per-source rate of responses, and"
            + " all sources together at most the total rate")
    void rateLimits() {
        SearchResponder responder = responder(20, 30, List.of());
        for (int i = 0; i < 1000; i++) {
            responder.onSearch(search("ssdp:all"), link);
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(transport.take()).as("20 tokens: 4 searches of 5 responses").hasSize(20);
        assertThat(dropped("rate-limited")).isEqualTo(996);
        InetSocketAddress other = SsdpFixtures.peer("192.168.1.21", 50000);
        for (int i = 0; i < 1000; i++) {
            responder.onSearch(search("ssdp:all", "2", other, GROUP), link);
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(transport.take()).as("the total rate of 30 per second was refilled for 5 s: at most 30 more")
                .hasSize(20);
        clock.advance(Duration.ofSeconds(1));
        responder.onSearch(search("upnp:rootdevice"), link);
        clock.advance(Duration.ofSeconds(5));
        assertThat(transport.take()).as("a second later the first source is answered again").hasSize(1);
    }

    @Test
    @DisplayName("UDA §1.3.2: a search without MAN \"ssdp:discover\", without ST or a multicast one without MX is"
            + " dropped and counted")
    void malformedSearches() {
        SearchResponder responder = responder();
        responder.onSearch(new SsdpDatagram(SsdpMessage.builder(SsdpMessage.M_SEARCH).header("MX", "1")
                .header("ST", "ssdp:all").build(), null, SEARCHER, GROUP), link);
        responder.onSearch(search("", "1", SEARCHER, GROUP), link);
        responder.onSearch(search("ssdp:all", null, SEARCHER, GROUP), link);
        responder.onSearch(search("ssdp:all", "soon", SEARCHER, GROUP), link);
        clock.advance(Duration.ofSeconds(5));
        assertThat(transport.take()).isEmpty();
        assertThat(dropped("man-invalid")).isEqualTo(1);
        assertThat(dropped("st-missing")).isEqualTo(1);
        assertThat(dropped("mx-invalid")).isEqualTo(2);
    }
}
