package io.tributary.upnp.ssdp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import io.tributary.upnp.http.Connections;
import io.tributary.upnp.net.Cidr;

/**
 * A network interface SSDP runs on: its name, index and addresses with their prefix lengths, read from the host's
 * interface table. Equal when name, index and addresses are; a change of addresses is what ssdp:update announces.
 *
 * @param name the interface name, e.g. {@code eth0}
 * @param index the interface index
 * @param addresses its addresses in the host's order
 */
public record SsdpInterface(String name, int index, List<Address> addresses) {

    /**
     * One address of an interface.
     *
     * @param address the address (without scope)
     * @param prefix the network prefix length in bits
     * @param network the network this address is in
     */
    public record Address(InetAddress address, int prefix, Cidr network) {

        /**
         * @param address the address (without scope)
         * @param prefix the network prefix length in bits
         */
        public Address(InetAddress address, int prefix) {
            this(address, prefix, Cidr.of(address, prefix));
        }
    }

    /**
     * Copies the list.
     *
     * @param name the name
     * @param index the index
     * @param addresses the addresses
     */
    public SsdpInterface {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
    }

    /**
     * Reads the interfaces to run on: those named, or every interface that is up, not loopback and
     * multicast-capable. Reads the host's interface table, so call it off the event loops.
     *
     * @param names interface names; empty for all suitable ones
     * @return the interfaces, each with at least one address
     * @throws SocketException if the interface table cannot be read
     */
    public static List<SsdpInterface> scan(List<String> names) throws SocketException {
        List<SsdpInterface> found = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            boolean wanted = names.isEmpty() ? nif.isUp() && !nif.isLoopback() && nif.supportsMulticast()
                    : names.contains(nif.getName()) && nif.isUp();
            if (!wanted) {
                continue;
            }
            List<Address> addresses = new ArrayList<>();
            for (InterfaceAddress entry : nif.getInterfaceAddresses()) {
                if (entry.getAddress() != null) {
                    addresses.add(new Address(Connections.normalize(entry.getAddress()),
                            entry.getNetworkPrefixLength()));
                }
            }
            if (!addresses.isEmpty()) {
                found.add(new SsdpInterface(nif.getName(), nif.getIndex(), addresses));
            }
        }
        return found;
    }

    /** @return the first IPv4 address, or {@code null} */
    public InetAddress ipv4() {
        return addresses.stream().map(Address::address).filter(address -> address instanceof Inet4Address)
                .findFirst().orElse(null);
    }

    /** @return the first IPv6 address that is not link-local, else the link-local one, or {@code null} */
    public InetAddress ipv6() {
        InetAddress linkLocal = null;
        for (Address entry : addresses) {
            if (entry.address() instanceof Inet6Address) {
                if (!entry.address().isLinkLocalAddress()) {
                    return entry.address();
                }
                linkLocal = linkLocal == null ? entry.address() : linkLocal;
            }
        }
        return linkLocal;
    }

    /**
     * @param address an address
     * @return whether it lies in the subnet of one of this interface's addresses
     */
    public boolean inSubnet(InetAddress address) {
        InetAddress normalized = Connections.normalize(address);
        return addresses.stream().anyMatch(entry -> entry.network().contains(normalized));
    }

    /**
     * @param address an address
     * @return whether it is one of this interface's own addresses
     */
    public boolean owns(InetAddress address) {
        InetAddress normalized = Connections.normalize(address);
        return addresses.stream().anyMatch(entry -> entry.address().equals(normalized));
    }
}
