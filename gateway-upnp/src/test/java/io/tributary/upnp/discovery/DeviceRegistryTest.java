package io.tributary.upnp.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.time.VirtualClock;
import io.tributary.core.xml.HardenedXml;
import io.tributary.upnp.description.DescriptionReader;
import io.tributary.upnp.description.DeviceDescription;
import io.tributary.upnp.ssdp.SsdpAnnouncement;
import io.tributary.upnp.ssdp.SsdpAnnouncement.Kind;
import io.tributary.upnp.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

class DeviceRegistryTest {

    private static final String TV = "uuid:0b2d3c4e-5f60-4718-8293-a4b5c6d7e8f9";
    private static final String INNER = "uuid:11111111-2222-4333-8444-555555555555";
    private static final String DESCRIPTION = "<?xml version=\"1.0\"?>\n"
            + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><specVersion><major>1</major><minor>0</minor>"
            + "</specVersion><device><deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType>"
            + "<friendlyName>TV</friendlyName><manufacturer>m</manufacturer><modelName>n</modelName>"
            + "<UDN>" + TV + "</UDN><serviceList><service>"
            + "<serviceType>urn:schemas-upnp-org:service:RenderingControl:1</serviceType>"
            + "<serviceId>urn:upnp-org:serviceId:RenderingControl</serviceId><SCPDURL>/rc.xml</SCPDURL>"
            + "<controlURL>/rc/control</controlURL><eventSubURL>/rc/event</eventSubURL></service></serviceList>"
            + "<deviceList><device><deviceType>urn:schemas-upnp-org:device:Printer:1</deviceType>"
            + "<friendlyName>inner</friendlyName><manufacturer>m</manufacturer><modelName>p</modelName>"
            + "<UDN>" + INNER + "</UDN></device></deviceList></device></root>";

    private final VirtualClock clock = new VirtualClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes
                    .get("/desc.xml", (request, response) -> response.sendString(Mono.just(DESCRIPTION)))
                    .get("/doctype.xml", (request, response) -> response.sendString(Mono.just(
                            "<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY x \"y\">]><root/>")))
                    .get("/wrong-root.xml", (request, response) -> response.sendString(Mono.just(
                            "<scpd xmlns=\"urn:schemas-upnp-org:service-1-0\"/>")))
                    .get("/huge.xml", (request, response) -> response.sendString(Mono.just("<root>"
                            + "x".repeat(5000) + "</root>"))))
            .bindNow();
    private DeviceRegistry registry;

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.stop();
        }
        server.disposeNow(Duration.ofSeconds(5));
    }

    private DeviceRegistry registry(int maxDevices) {
        DiscoveryMeters discoveryMeters = new DiscoveryMeters(meters);
        DescriptionFetcher fetcher = new DescriptionFetcher(HttpClient.create(), new DescriptionReader(
                HardenedXml.create()), 4096);
        registry = new DeviceRegistry("uuid:own", maxDevices, fetcher, Duration.ofSeconds(5), 2, clock,
                discoveryMeters, new DeviceRegistry.Listener() {
                    @Override
                    public void online(String udn, URI location, DeviceDescription description) {
                        events.add("online " + udn + " " + description.friendlyName());
                    }

                    @Override
                    public void offline(String udn, DeviceDescription description) {
                        events.add("offline " + udn);
                    }
                });
        return registry;
    }

    private SsdpAnnouncement announce(Kind kind, String usn, String path, long maxAge) {
        return new SsdpAnnouncement(kind, "upnp:rootdevice", usn, path == null ? null
                : "http://127.0.0.1:" + server.port() + path, maxAge, 1, -1, 7, "Linux/6 UPnP/1.0 test/1",
                new InetSocketAddress("127.0.0.1", 1900));
    }

    private String next() throws InterruptedException {
        return events.poll(10, TimeUnit.SECONDS);
    }

    private double counted(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).counter().count();
    }

    @Test
    @DisplayName("UDA §1.2.2: a device enters with ssdp:alive, is described, and expires when its max-age passes"
            + " without a new announcement")
    void aliveAndExpiry() throws Exception {
        DeviceRegistry devices = registry(8);
        devices.onAnnouncement(announce(Kind.ALIVE, TV + "::upnp:rootdevice", "/desc.xml", 100));
        assertThat(next()).isEqualTo("online " + TV + " TV");
        assertThat(devices.snapshot()).singleElement().satisfies(entry -> {
            assertThat(entry.udn()).isEqualTo(TV);
            assertThat(entry.configId()).isEqualTo(7);
            assertThat(entry.expiresIn()).isEqualTo(Duration.ofSeconds(100));
            assertThat(entry.description().devices()).hasSize(1);
        });
        clock.advance(Duration.ofSeconds(60));
        devices.onAnnouncement(announce(Kind.ALIVE, TV + "::upnp:rootdevice", "/desc.xml", 100));
        clock.advance(Duration.ofSeconds(99));
        assertThat(devices.size()).as("renewed by the second alive").isEqualTo(1);
        assertThat(events).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(next()).isEqualTo("offline " + TV);
        assertThat(devices.size()).isZero();
        assertThat(counted("tributary.upnp.discovery.descriptions", "outcome", "ok")).isEqualTo(1);
    }

    @Test
    @DisplayName("UDA §1.2.3: ssdp:byebye removes the device at once; an embedded device's announcement belongs to"
            + " its root")
    void byebyeAndEmbedded() throws Exception {
        DeviceRegistry devices = registry(8);
        devices.onAnnouncement(announce(Kind.ALIVE, TV + "::upnp:rootdevice", "/desc.xml", 100));
        assertThat(next()).startsWith("online");
        devices.onAnnouncement(announce(Kind.ALIVE, INNER + "::urn:schemas-upnp-org:device:Printer:1", "/desc.xml",
                100));
        assertThat(devices.size()).isEqualTo(1);
        devices.onAnnouncement(announce(Kind.BYEBYE, INNER + "::urn:schemas-upnp-org:device:Printer:1", null, -1));
        assertThat(next()).isEqualTo("offline " + TV);
        assertThat(devices.size()).isZero();
    }

    @Test
    @DisplayName("descriptions with a DOCTYPE, a wrong root, over the size limit or a 404 are counted and recorded as"
            + " the device's problem; nothing else breaks")
    void badDescriptions() {
        DeviceRegistry devices = registry(8);
        devices.onAnnouncement(announce(Kind.ALIVE, "uuid:a::upnp:rootdevice", "/doctype.xml", 100));
        devices.onAnnouncement(announce(Kind.ALIVE, "uuid:b::upnp:rootdevice", "/wrong-root.xml", 100));
        devices.onAnnouncement(announce(Kind.ALIVE, "uuid:c::upnp:rootdevice", "/huge.xml", 100));
        devices.onAnnouncement(announce(Kind.ALIVE, "uuid:d::upnp:rootdevice", "/missing.xml", 100));
        Await.until("four failures", () -> devices.snapshot().stream().filter(entry -> entry.problem() != null)
                .count() == 4);
        assertThat(devices.snapshot()).extracting(DeviceRegistry.Snapshot::problem).containsExactlyInAnyOrder(
                "malformed: refused: ParseError at [row,col]:[1,22]\n"
                        + "Message: DOCTYPE declarations are not accepted (DTDs and entities are refused)",
                "malformed: root element is {urn:schemas-upnp-org:service-1-0}scpd, not"
                        + " {urn:schemas-upnp-org:device-1-0}root",
                "too-large: request body of at least 5013 bytes exceeds the limit of 4096 bytes",
                "failed: HTTP 404");
        assertThat(counted("tributary.upnp.discovery.descriptions", "outcome", "malformed")).isEqualTo(2);
        assertThat(counted("tributary.upnp.discovery.descriptions", "outcome", "too-large")).isEqualTo(1);
        assertThat(counted("tributary.upnp.discovery.descriptions", "outcome", "failed")).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    @DisplayName("a LOCATION on another host than the sender, and devices beyond the registry's size, are left out and"
            + " counted; the gateway's own UDN is never entered")
    void leftOut() throws Exception {
        DeviceRegistry devices = registry(1);
        devices.onAnnouncement(new SsdpAnnouncement(Kind.ALIVE, "upnp:rootdevice", "uuid:x::upnp:rootdevice",
                "http://169.254.169.254/latest/meta-data", 100, 1, -1, 1, null,
                new InetSocketAddress("127.0.0.1", 1900)));
        devices.onAnnouncement(announce(Kind.ALIVE, "uuid:own::upnp:rootdevice", "/desc.xml", 100));
        devices.onAnnouncement(announce(Kind.ALIVE, TV + "::upnp:rootdevice", "/desc.xml", 100));
        assertThat(next()).startsWith("online " + TV);
        devices.onAnnouncement(announce(Kind.ALIVE, "uuid:another::upnp:rootdevice", "/desc.xml", 100));
        assertThat(devices.snapshot()).extracting(DeviceRegistry.Snapshot::udn).containsExactly(TV);
        assertThat(counted("tributary.upnp.discovery.ignored", "reason", "location-out-of-scope")).isEqualTo(1);
        assertThat(counted("tributary.upnp.discovery.ignored", "reason", "registry-full")).isEqualTo(1);
    }

    @Test
    @DisplayName("the devices JSON escapes text and lists services with the subscription state")
    void json() {
        String json = DevicesJson.write(List.of(new DiscoveredDevice(TV, "urn:x:device:Y:1", "Living \"room\"\n",
                null, "m", "http://127.0.0.1/d.xml", null, 3, -1, Duration.ofSeconds(42), true,
                List.of(new DiscoveredService(TV, "urn:x:service:Z:1", "urn:x:serviceId:Z", "http://127.0.0.1/e",
                        SubscriptionState.SUBSCRIBED)), null)));
        assertThat(json).isEqualTo("{\"devices\":[{\"udn\":\"" + TV + "\",\"deviceType\":\"urn:x:device:Y:1\","
                + "\"friendlyName\":\"Living \\\"room\\\"\\n\",\"manufacturer\":null,\"modelName\":\"m\","
                + "\"location\":\"http://127.0.0.1/d.xml\",\"server\":null,\"bootId\":3,\"configId\":-1,"
                + "\"expiresInSeconds\":42,\"followed\":true,\"problem\":null,\"services\":[{\"udn\":\"" + TV + "\","
                + "\"serviceType\":\"urn:x:service:Z:1\",\"serviceId\":\"urn:x:serviceId:Z\","
                + "\"eventSubUrl\":\"http://127.0.0.1/e\",\"subscription\":\"subscribed\"}]}]}");
        assertThat(new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(json);
    }
}
