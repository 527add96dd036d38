package io.tributary.upnp.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

import io.netty.util.NetUtil;
import io.tributary.core.config.ScalarType;
import io.tributary.core.config.ValueTypes;
import io.tributary.upnp.http.Connections;

/**
 * An IP network in CIDR notation, e.g. {@code 192.168.1.0/24} or {@code fd00::/8}; parsed without name
 * resolution.
 */
public final class Cidr {

    /** The configuration value type of networks, e.g. {@code 192.168.1.0/24}. */
    public static final ScalarType<Cidr> VALUE_TYPE = ValueTypes.scalar("CIDR network", Cidr.class, Cidr::parse,
            Cidr::toString);

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses a network; a bare address means that one host ({@code /32} or {@code /128}).
     *
     * @param value e.g. {@code 10.0.0.0/8}
     * @return the network
     * @throws IllegalArgumentException when the value is not an IP literal with an optional prefix length
     */
    public static Cidr parse(String value) {
        Objects.requireNonNull(value, "value");
        String text = value.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + value + "' is not an IP network (e.g. 192.168.1.0/24)");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "': prefix length is not a number");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + value + "': prefix length out of range");
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, text);
    }

    /**
     * @param address an address of the network
     * @param prefix the prefix length in bits
     * @return the network containing that address
     */
    public static Cidr of(InetAddress address, int prefix) {
        byte[] bytes = Connections.normalize(address).getAddress();
        int bounded = Math.max(0, Math.min(prefix, bytes.length * 8));
        return new Cidr(mask(bytes, bounded), bounded, address.getHostAddress() + "/" + bounded);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xFF << (8 - bits));
        }
        return masked;
    }

    /**
     * @param address an address
     * @return whether it lies in this network (an IPv4 address never lies in an IPv6 network and vice versa)
     */
    public boolean contains(InetAddress address) {
        byte[] bytes = Connections.normalize(address).getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(bytes, prefix), network);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr && ((Cidr) other).prefix == prefix
                && Arrays.equals(((Cidr) other).network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    /** @return the network as written */
    @Override
    public String toString() {
        return text;
    }
}
