package io.tributary.upnp.ssdp;

import java.net.InetAddress;

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
     * @return its literal for URLs and HOST headers: IPv6 in brackets, without scope
     */
    public static String literal(InetAddress address) {
        String text = address.getHostAddress();
        if (text.indexOf(':') < 0) {
            return text;
        }
        int scope = text.indexOf('%');
        return "[" + (scope < 0 ? text : text.substring(0, scope)) + "]";
    }

    @Override
    public String toString() {
        return iface.name() + (ipv6 ? "/IPv6" : "/IPv4");
    }
}
