package io.tributary.upnp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * UPnP between real stacks over a real link: the gateway in one network namespace, GSSDP, GUPnP (Python, Debian's
 * gir1.2-gssdp-1.6 / gir1.2-gupnp-1.6), gmediarender (libupnp), jUPnP 3.0.4 and a second gateway in the other,
 * joined by a veth pair the test creates, so SSDP multicast, GENA and SOAP run as on a LAN and nothing leaves the
 * namespaces. Needs root, iproute2, util-linux and those packages, so it runs in the {@code upnp-interop} profile
 * that CI enables (its packages are installed by {@code .ci/run}).
 */
@Tag("upnp-interop")
class NamespaceInteropTest {

    private static final Duration LONG = Duration.ofSeconds(40);
    private static final String PYTHON = "/usr/bin/python3";
    private static final String RENDERER = "0b2d3c4e-5f60-4718-8293-a4b5c6d7e8f9";
    private static final String LIGHT = "11111111-2222-4333-8444-555555555555";

    private static NetworkNamespaces net;

    @BeforeAll
    static void createNamespaces() throws Exception {
        net = NetworkNamespaces.create();
    }

    @AfterAll
    static void removeNamespaces() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    private static String script(String name) throws URISyntaxException {
        return Path.of(NamespaceInteropTest.class.getResource(name).toURI()).toString();
    }

    /** Starts a gateway in the gateway's namespace and returns it once it serves, with its UDN. */
    private static Peer gateway(String... options) throws Exception {
        Peer gateway = net.javaOnGatewaySide("gateway", NamespaceGateway.class, options);
        gateway.await("start", line -> line.startsWith("ready "), LONG);
        return gateway;
    }

    private static String udn(Peer gateway) throws InterruptedException {
        return gateway.await("start", line -> line.startsWith("ready "), LONG).split(" ")[1];
    }

    private static void stop(Peer... peers) throws Exception {
        for (Peer peer : peers) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    @Test
    @DisplayName("UDA §1.2: GSSDP's resource browser finds the root device, its UDN, the Gateway:1 type and the Topics"
            + " service, each with the LOCATION on the veth address")
    void gssdpFindsGateway() throws Exception {
        Peer gateway = gateway();
        Peer browser = null;
        try {
            String udn = udn(gateway);
            browser = net.onPeerSide("gssdp", List.of(PYTHON, script("gssdp_browse.py"), "vb", "ssdp:all", "6"));
            String location = "http://" + NetworkNamespaces.GATEWAY + ":8080/upnp/description.xml";
            for (String usn : List.of(udn + "::upnp:rootdevice", udn, udn + "::urn:tributary-io:device:Gateway:1",
                    udn + "::urn:tributary-io:service:Topics:1")) {
                browser.await(usn, line -> line.equals("available " + usn + " " + location), LONG);
            }
        } finally {
            stop(browser, gateway);
        }
    }

    @Test
    @DisplayName("UDA §2–§4: GUPnP as control point finds the gateway, subscribes to the topics service, calls"
            + " SetValue and GetValue and is notified; the value is a retained router message")
    void gupnpControlPoint() throws Exception {
        Peer gateway = gateway();
        Peer control = null;
        try {
            String udn = udn(gateway);
            control = net.onPeerSide("gupnp", List.of(PYTHON, script("gupnp_control.py"), "vb", "demo/temp",
                    "demo.temp", "21.5", "30"));
            control.await("the proxy", line -> line.equals("proxy " + udn + " http://" + NetworkNamespaces.GATEWAY
                    + ":8080/upnp/control/topics"), LONG);
            control.await("SetValue", line -> line.equals("setvalue ok"), LONG);
            control.await("GetValue", line -> line.equals("getvalue 21.5"), LONG);
            control.await("the event", line -> line.equals("notify demo.temp=21.5"), LONG);
            gateway.await("the retained message", line -> line.equals("topic demo/temp 21.5 sid=null"), LONG);
            assertThat(control.output()).noneMatch(line -> line.startsWith("error"));
        } finally {
            stop(control, gateway);
        }
    }

    @Test
    @DisplayName("gmediarender (libupnp) is discovered, its services subscribed as the rule asks, its LastChange"
            + " variables published as topics, and it goes offline with its byebye")
    void gmediarenderFollowed() throws Exception {
        Peer gateway = gateway("--rule", "urn:schemas-upnp-org:device:MediaRenderer:1");
        Peer renderer = null;
        try {
            renderer = net.onPeerSide("gmediarender", List.of("gmediarender", "-f", "Namespace renderer", "--uuid",
                    RENDERER, "-I", "vb"));
            String device = "upnp/uuid:" + RENDERER;
            gateway.await("online", line -> line.equals("topic " + device + "/online true sid=null"), LONG);
            gateway.await("RenderingControl", line -> line.startsWith("topic " + device
                    + "/RenderingControl/LastChange <?xml") && line.contains("sid=uuid:"), LONG);
            gateway.await("AVTransport", line -> line.startsWith("topic " + device + "/AVTransport/LastChange")
                    && line.contains("TransportState"), LONG);
            gateway.send("devices");
            gateway.await("the registry", line -> line.equals("device uuid:" + RENDERER
                    + " urn:schemas-upnp-org:device:MediaRenderer:1 followed=true"), LONG);
            // gmediarender says byebye when interrupted.
            new ProcessBuilder("kill", "-INT", Long.toString(renderer.process().pid())).start().waitFor();
            gateway.await("offline", line -> line.equals("topic " + device + "/online false sid=null"), LONG);
        } finally {
            stop(renderer, gateway);
        }
    }

    @Test
    @DisplayName("jUPnP 3.0.4 finds the gateway over SSDP and subscribes to its topics service; the gateway finds"
            + " jUPnP's BinaryLight and follows its SwitchPower Status")
    void jupnpBothWays() throws Exception {
        Peer gateway = gateway("--rule", "urn:schemas-upnp-org:device:BinaryLight:1");
        Peer jupnp = null;
        try {
            String udn = udn(gateway);
            gateway.send("publish demo/temp 21.5");
            gateway.await("the value", line -> line.equals("topic demo/temp 21.5 sid=null"), LONG);
            jupnp = net.javaOnPeerSide("jupnp", JupnpPeer.class, LIGHT);
            jupnp.await("the gateway", line -> line.equals("found " + udn + " urn:tributary-io:device:Gateway:1"),
                    LONG);
            jupnp.await("the subscription", line -> line.equals("established"), LONG);
            jupnp.await("the initial event", line -> line.equals("event demo.temp=21.5"), LONG);
            gateway.send("publish demo/temp 22");
            jupnp.await("the change", line -> line.equals("event demo.temp=22"), LONG);

            String light = "upnp/uuid:" + LIGHT;
            gateway.await("the light online", line -> line.equals("topic " + light + "/online true sid=null"), LONG);
            gateway.await("its status", line -> line.startsWith("topic " + light + "/SwitchPower/Status 0 sid=uuid:"),
                    LONG);
            jupnp.send("set true");
            gateway.await("the switch", line -> line.startsWith("topic " + light + "/SwitchPower/Status 1 sid=uuid:"),
                    LONG);
            assertThat(jupnp.output()).noneMatch(line -> line.startsWith("failed") || line.startsWith("missed"));
        } finally {
            stop(jupnp, gateway);
        }
    }

    @Test
    @DisplayName("UDA 2.0 §4.3.3: multicast eventing both ways between two gateways: a variable marked multicast is"
            + " sent to 239.255.255.246:7900 and published by the other gateway like a unicast event")
    void multicastEventsBothWays() throws Exception {
        Peer first = gateway("--multicast", "--rule", "urn:tributary-io:device:Gateway:1");
        Peer second = null;
        try {
            second = net.javaOnPeerSide("second-gateway", NamespaceGateway.class, "--multicast", "--rule",
                    "urn:tributary-io:device:Gateway:1");
            String firstUdn = udn(first);
            String secondUdn = udn(second);
            first.await("the second followed", line -> line.startsWith("topic upnp/" + secondUdn + "/Level/Level ")
                    && line.contains("sid=uuid:"), LONG);
            second.await("the first followed", line -> line.startsWith("topic upnp/" + firstUdn + "/Level/Level ")
                    && line.contains("sid=uuid:"), LONG);
            first.send("publish demo/level 7");
            second.await("a multicast event (no SID)", line -> line.equals("topic upnp/" + firstUdn
                    + "/Level/Level 7 sid=null"), LONG);
            second.send("publish demo/level 9");
            first.await("a multicast event (no SID)", line -> line.equals("topic upnp/" + secondUdn
                    + "/Level/Level 9 sid=null"), LONG);
        } finally {
            stop(second, first);
        }
    }

    @Test
    @DisplayName("reflection: an M-SEARCH from outside the receiving interface's subnet gets nothing (counted); one"
            + " from inside gets its answers")
    void offSubnetSearch() throws Exception {
        Peer gateway = gateway();
        Peer outsider = null;
        Peer insider = null;
        try {
            net.addPeerAddress("10.98.0.2/24");
            outsider = net.onPeerSide("outsider", List.of(PYTHON, script("msearch.py"), "10.98.0.2",
                    "239.255.255.250:1900", "ssdp:all", "3", "3"));
            outsider.await("the end", line -> line.startsWith("sent 3 responses 0 "), LONG);
            gateway.send("meter tributary.upnp.ssdp.dropped reason off-subnet");
            gateway.await("the count", line -> line.equals("meter tributary.upnp.ssdp.dropped{reason=off-subnet} 3"),
                    LONG);
            insider = net.onPeerSide("insider", List.of(PYTHON, script("msearch.py"), NetworkNamespaces.PEER,
                    "239.255.255.250:1900", "upnp:rootdevice", "1", "3"));
            insider.await("an answer", line -> line.startsWith("response uuid:") && line.endsWith("::upnp:rootdevice"),
                    LONG);
        } finally {
            stop(insider, outsider, gateway);
        }
    }

    @Test
    @DisplayName("reflection: a flood of unicast M-SEARCHes gets at most the per-source rate of responses (plus one"
            + " burst), the rest counted as rate-limited")
    void searchFlood() throws Exception {
        Peer gateway = gateway("--rate", "8");
        Peer flood = null;
        try {
            flood = net.onPeerSide("flood", List.of(PYTHON, script("msearch.py"), NetworkNamespaces.PEER,
                    NetworkNamespaces.GATEWAY + ":1900", "ssdp:all", "500", "2"));
            String summary = flood.await("the end", line -> line.startsWith("sent 500 responses "), LONG);
            String[] words = summary.split(" ");
            int responses = Integer.parseInt(words[3]);
            double window = Double.parseDouble(words[5]);
            // 8 tokens a second and a burst of 8: within the window at most 8 * (window + 1) responses.
            assertThat(responses).isPositive().isLessThanOrEqualTo((int) Math.ceil(8 * (window + 1)));
            gateway.send("meter tributary.upnp.ssdp.dropped reason rate-limited");
            String dropped = gateway.await("the count", line -> line.startsWith(
                    "meter tributary.upnp.ssdp.dropped{reason=rate-limited} "), LONG);
            // Not every one of 500 datagrams sent at once reaches the socket; those that do and find no token are
            // counted.
            assertThat(Long.parseLong(dropped.substring(dropped.lastIndexOf(' ') + 1)))
                    .isGreaterThanOrEqualTo(500 / 4 - responses);
        } finally {
            stop(flood, gateway);
        }
    }
}
