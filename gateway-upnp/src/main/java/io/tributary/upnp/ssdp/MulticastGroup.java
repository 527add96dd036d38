package io.tributary.upnp.ssdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A UPnP multicast group in both address families with its port: SSDP's 239.255.255.250 and {@code [ff02::c]}
 * on 1900 (UDA 2.0 §1.1.2), multicast eventing's 239.255.255.246 and {@code [ff02::130]} on 7900 (§4.3.3).
 *
 * @param ipv4 the IPv4 group
 * @param ipv6 the IPv6 link-local group
 * @param port the UDP port
 */
public record MulticastGroup(InetAddress ipv4, InetAddress ipv6, int port) {

    /**
     * @param port the SSDP port, 1900 on a real network
     * @return SSDP's groups on that port
     */
    public static MulticastGroup ssdp(int port) {
        return new MulticastGroup(address("239.255.255.250"), address("ff02::c"), port);
    }

    /**
     * @param port the multicast event port, 7900 on a real network
     * @return multicast eventing's groups on that port
     */
    public static MulticastGroup events(int port) {
        return new MulticastGroup(address("239.255.255.246"), address("ff02::130"), port);
    }

    /**
     * @param ipv6Side whether the IPv6 group is wanted
     * @return the group address of that family
     */
    public InetAddress address(boolean ipv6Side) {
        return ipv6Side ? ipv6 : ipv4;
    }

    /**
     * @param link a link
     * @return where messages to the group go on that link
     */
    public InetSocketAddress recipient(SsdpLink link) {
        return new InetSocketAddress(address(link.ipv6()), port);
    }

    /**
     * @param link a link
     * @return the HOST header of messages to the group on that link, e.g. {@code 239.255.255.250:1900} or
     *         {@code [FF02::C]:1900}
     */
    public String host(SsdpLink link) {
        return link.ipv6() ? SsdpLink.literal(ipv6).toUpperCase(Locale.ROOT) + ":" + port
                : ipv4.getHostAddress() + ":" + port;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(literal + " is a literal", e);
        }
    }
}
