package io.tributary.upnp.publisher;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.netty.util.NetUtil;
import io.tributary.core.config.Settings;
import io.tributary.upnp.http.Connections;

/**
 * DNS-rebinding defence for the event URLs ({@link PublisherConfig#CHECK_HOST_HEADER}): the Host header must name
 * the listener, either as the IP literal of the address the request arrived on or as one of the
 * {@link PublisherConfig#ALLOWED_HOSTS} (names or literals, e.g. a Docker host's address). The port is not
 * compared, so port mappings keep working.
 */
final class HostPolicy {

    private final Set<String> allowedHosts;
    private final boolean enabled;

    /** @param publisher values of {@link PublisherConfig#SECTION} */
    HostPolicy(Settings publisher) {
        this.enabled = publisher.get(PublisherConfig.CHECK_HOST_HEADER);
        this.allowedHosts = publisher.get(PublisherConfig.ALLOWED_HOSTS).stream().map(HostPolicy::canonical)
                .collect(Collectors.toUnmodifiableSet());
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
