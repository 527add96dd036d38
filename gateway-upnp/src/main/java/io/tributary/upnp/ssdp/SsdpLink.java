package io.tributary.upnp.ssdp;

import java.net.InetAddress;

import io.netty.util.NetUtil;

/**
 * SSDP on one interface in one address family: what a channel is bound for, and where messages sent on it come
 * from and point to.
 *
 * @param iface the interface
 * @param ipv6 whether this is the IPv6 side (group {@code [ff02::c]}) rather than IPv4 (239.255.255.250)
 */
public record SsdpLink(SsdpInterface iface, boolean ipv6) {

    /** @return the interface address of this family that descriptions are offered at, or {@code null} */
    public InetAddress local() {
        return ipv6 ? iface.ipv6() : iface.ipv4();
    }

    /**
     * @param port the HTTP listener's port
     * @param path the description path
     * @return the LOCATION URL on this link, e.g. {@code http://192.168.1.10:8080/upnp/description.xml}
     */
    public String location(int port, String path) {
        return "http://" + literal(local()) + ":" + port + path;
    }

    /**
     * @param address an address
     * @return its literal for URLs and HOST headers: IPv6 in brackets, compressed, without scope
     */
    public static String literal(InetAddress address) {
        // RFC 5952 form (fd00::10, not fd00:0:0:0:0:0:0:10), without scope.
        String text = NetUtil.toAddressString(address);
        return text.indexOf(':') < 0 ? text : "[" + text + "]";
    }

    @Override
    public String toString() {
        return iface.name() + (ipv6 ? "/IPv6" : "/IPv4");
    }
}
