package io.tributary.upnp.publisher;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.upnp.http.Connections;
import io.tributary.upnp.net.Cidr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the network (address and prefix length) a local address belongs to, from the host's interface table.
 * Results are cached per address: the table is read once per listener address, not per request.
 */
final class LocalSubnets {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSubnets.class);

    private final Map<InetAddress, Optional<Cidr>> cache = new ConcurrentHashMap<>();

    Optional<Cidr> subnetOf(InetAddress local) {
        InetAddress address = Connections.normalize(local);
        return cache.computeIfAbsent(address, LocalSubnets::lookup);
    }

    private static Optional<Cidr> lookup(InetAddress address) {
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(address);
            if (nif != null) {
                for (InterfaceAddress entry : nif.getInterfaceAddresses()) {
                    if (Connections.normalize(entry.getAddress()).equals(address)) {
                        return Optional.of(Cidr.of(address, entry.getNetworkPrefixLength()));
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("cannot read the interface of {}: {}; only the requester's own address is accepted as callback",
                    address.getHostAddress(), e.getMessage());
        }
        return Optional.empty();
    }
}
