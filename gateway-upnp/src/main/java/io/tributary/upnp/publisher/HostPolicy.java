package io.tributary.upnp.publisher;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.netty.util.NetUtil;
import io.tributary.upnp.http.Connections;

/**
 * DNS-rebinding defence for the event URLs: the Host header must name the listener, either as the IP literal of
 * the address the request arrived on or as one of the configured host names (or literals, e.g. a Docker host's
 * address). The port is not compared, so port mappings keep working. Immutable.
 */
public final class HostPolicy {

    private static final HostPolicy DEFAULTS = new HostPolicy(Set.of(), true);

    private final Set<String> allowedHosts;
    private final boolean enabled;

    private HostPolicy(Set<String> allowedHosts, boolean enabled) {
        this.allowedHosts = allowedHosts;
        this.enabled = enabled;
    }

    /** @return the default: only the listener's own address literal is accepted */
    public static HostPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * @param hosts further host names or IP literals accepted in the Host header, case-insensitive; default none
     * @return a new policy reference
     */
    public HostPolicy allowedHosts(List<String> hosts) {
        return new HostPolicy(hosts.stream().map(HostPolicy::canonical).collect(Collectors.toUnmodifiableSet()),
                enabled);
    }

    /**
     * @param check whether to check the Host header at all; default {@code true}
     * @return a new policy reference
     */
    public HostPolicy enabled(boolean check) {
        return new HostPolicy(allowedHosts, check);
    }

    /** @return the extra accepted hosts, lower-case */
    public Set<String> allowedHosts() {
        return allowedHosts;
    }

    /** @return whether the check is on */
    public boolean enabled() {
        return enabled;
    }

    boolean accepts(String hostHeader, InetAddress local) {
        if (!enabled) {
            return true;
        }
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostOf(hostHeader.trim());
        if (host == null) {
            return false;
        }
        String canonical = canonical(host);
        if (allowedHosts.contains(canonical)) {
            return true;
        }
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal == null || local == null) {
            return false;
        }
        try {
            return Connections.normalize(InetAddress.getByAddress(literal)).equals(Connections.normalize(local));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String hostOf(String header) {
        if (header.startsWith("[")) {
            int close = header.indexOf(']');
            if (close < 0) {
                return null;
            }
            String rest = header.substring(close + 1);
            return rest.isEmpty() || rest.matches(":\\d{1,5}") ? header.substring(1, close) : null;
        }
        int colon = header.indexOf(':');
        if (colon < 0) {
            return header;
        }
        if (header.indexOf(':', colon + 1) >= 0) {
            return header; // a bare IPv6 literal (not valid in Host, but harmless to compare)
        }
        String port = header.substring(colon + 1);
        return port.matches("\\d{1,5}") ? header.substring(0, colon) : null;
    }

    private static String canonical(String host) {
        String trimmed = host.trim().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(trimmed);
        if (literal != null) {
            try {
                return Connections.normalize(InetAddress.getByAddress(literal)).getHostAddress();
            } catch (UnknownHostException e) {
                return trimmed;
            }
        }
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
