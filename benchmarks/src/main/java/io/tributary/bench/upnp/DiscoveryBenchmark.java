package io.tributary.bench.upnp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.upnp.UpnpAdapter;
import io.tributary.upnp.UpnpConfig;
import io.tributary.upnp.discovery.DiscoveredDevice;
import io.tributary.upnp.discovery.DiscoveryConfig;
import io.tributary.upnp.discovery.SubscriptionState;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.GenaPublisher;
import io.tributary.upnp.publisher.PublisherConfig;
import io.tributary.upnp.publisher.RunningPublisher;
import io.tributary.upnp.publisher.StateVariables;
import io.tributary.upnp.ssdp.SsdpConfig;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Discovery of many devices: a child JVM simulates them (one HTTP server with a description, an SCPD and a GENA
 * event URL per device), the gateway in this JVM is told of each by a unicast ssdp:alive and, by a discovery rule
 * matching them all, fetches every description and subscribes to every device's service. Reports the time from the
 * first alive to the last subscription and the gateway's heap growth (used heap after full collections, before and
 * after), which holds the registry, the descriptions, the GENA subscriptions and the retained topics.
 *
 * <p>Arguments (all optional): devices (1000), descriptions fetched at once (16), device server port (19486).
 */
public final class DiscoveryBenchmark {

    private static final String TYPE = "urn:example-com:device:Sim:1";

    private DiscoveryBenchmark() {
    }

    /**
     * @param args see the class description; {@code devices N PORT} runs the simulated devices instead
     * @throws Exception if the child or a socket fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("devices")) {
            serveDevices(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 19486;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), DiscoveryBenchmark.class.getName(),
                "devices", Integer.toString(devices), Integer.toString(port)).redirectErrorStream(true).start();
        BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = childOut.readLine()) != null && !line.startsWith("devices ready")) {
            // the child logs its start
        }
        Settings rule = DiscoveryConfig.RULE.defaults().with(DiscoveryConfig.RULE_DEVICE_TYPES, List.of(TYPE));
        UpnpAdapter adapter = UpnpAdapter.create(UpnpConfig.defaults()
                .with(UpnpConfig.SSDP, SsdpConfig.defaults().with(SsdpConfig.PORT, 0)
                        .with(SsdpConfig.INTERFACES, List.of("lo")).with(SsdpConfig.ADVERTISE, false))
                .with(UpnpConfig.DISCOVERY, DiscoveryConfig.defaults().with(DiscoveryConfig.RULES, List.of(rule))
                        .with(DiscoveryConfig.MAX_DEVICES, devices * 2)
                        .with(DiscoveryConfig.CONCURRENT_FETCHES, concurrent)));
        RunningGateway gateway = Gateway.create().host("127.0.0.1").port(0).adapter(adapter).start()
                .block(Duration.ofSeconds(10));
        try (DatagramChannel ssdp = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", adapter.ssdp().port());
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long before = usedAfterGc(memory);
            long started = System.nanoTime();
            Set<Integer> pending = new HashSet<>();
            for (int i = 0; i < devices; i++) {
                pending.add(i);
            }
            long deadline = started + TimeUnit.MINUTES.toNanos(5);
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (int i : pending) {
                    ssdp.send(ByteBuffer.wrap(alive(i, port).getBytes(StandardCharsets.US_ASCII)), target);
                    if (i % 50 == 49) {
                        // The gateway's socket buffer holds a few hundred datagrams: let it drain.
                        Thread.sleep(5);
                    }
                }
                Thread.sleep(1000);
                for (DiscoveredDevice device : adapter.devices()) {
                    if (device.services().stream().allMatch(service -> service.subscription()
                            == SubscriptionState.SUBSCRIBED) && !device.services().isEmpty()) {
                        pending.remove(Integer.parseInt(device.udn().substring(device.udn().length() - 12)));
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long after = usedAfterGc(memory);
            System.out.printf("%d devices described and subscribed (%d missing) in %.1f s with %d fetches at once"
                            + " (status polled every second); gateway heap %.1f MiB -> %.1f MiB, %,d bytes per"
                            + " device%n",
                    devices - pending.size(), pending.size(), seconds, concurrent, before / 1048576.0,
                    after / 1048576.0, (after - before) / devices);
        } finally {
            gateway.stop().block(Duration.ofSeconds(60));
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String udn(int i) {
        return String.format("uuid:00000000-0000-4000-8000-%012d", i);
    }

    private static String alive(int i, int port) {
        return "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: "
                + "http://127.0.0.1:" + port + "/dev/" + i + "/desc.xml\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n"
                + "USN: " + udn(i) + "::upnp:rootdevice\r\nBOOTID.UPNP.ORG: 1\r\nCONFIGID.UPNP.ORG: 1\r\n\r\n";
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The child: every device's description, SCPD and event URL on one server. */
    private static void serveDevices(int devices, int port) throws InterruptedException {
        GenaPublisher definition = GenaPublisher.create().settings(PublisherConfig.defaults()
                .with(PublisherConfig.MAX_SUBSCRIPTIONS, devices * 2)
                .with(PublisherConfig.MAX_SUBSCRIPTIONS_PER_REQUESTER, devices * 2));
        for (int i = 0; i < devices; i++) {
            definition = definition.service(EventedService.create("/dev/" + i + "/event",
                    StateVariables.of(Map.of("Value", Integer.toString(i)))));
        }
        RunningPublisher publisher = definition.start().block(Duration.ofSeconds(30));
        String scpd = "<?xml version=\"1.0\"?><scpd xmlns=\"urn:schemas-upnp-org:service-1-0\"><specVersion><major>1"
                + "</major><minor>0</minor></specVersion><serviceStateTable><stateVariable sendEvents=\"yes\"><name>"
                + "Value</name><dataType>string</dataType></stateVariable></serviceStateTable></scpd>";
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port).route(routes -> {
            routes.get("/dev/{index}/desc.xml", (request, response) -> response
                    .header("Content-Type", "text/xml; charset=\"utf-8\"")
                    .sendString(Mono.just(description(Integer.parseInt(request.param("index"))))));
            routes.get("/dev/{index}/scpd.xml", (request, response) -> response.sendString(Mono.just(scpd)));
            publisher.routes().accept(routes);
        }).bindNow();
        System.out.println("devices ready on " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static String description(int i) {
        return "<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\"><specVersion><major>1</major>"
                + "<minor>0</minor></specVersion><device><deviceType>" + TYPE + "</deviceType><friendlyName>Sim " + i
                + "</friendlyName><manufacturer>Example</manufacturer><modelName>Sim</modelName><UDN>" + udn(i)
                + "</UDN><serviceList><service><serviceType>urn:example-com:service:Sim:1</serviceType><serviceId>"
                + "urn:example-com:serviceId:Sim</serviceId><SCPDURL>/dev/" + i + "/scpd.xml</SCPDURL><controlURL>/dev/"
                + i + "/control</controlURL><eventSubURL>/dev/" + i + "/event</eventSubURL></service></serviceList>"
                + "</device></root>";
    }
}
