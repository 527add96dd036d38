package io.tributary.pnp.message;

import java.util.Locale;
import java.util.Objects;

/**
 * A PnP server an agent should talk to ({@code primary-server}, {@code backup-server}).
 *
 * @param protocol {@code http}, {@code https}, {@code xmpp-socket}, {@code xmpp-starttls}, {@code xmpp-tls} or
 *                 {@code capwap}
 * @param host an IPv4 or IPv6 literal or a host name; written as {@code ipv4}, {@code ipv6} or {@code host}
 * @param port TCP port, or {@code null} for the protocol's default
 */
public record ServerAddress(String protocol, String host, Integer port) {

    /** Checks protocol, host and port range. */
    public ServerAddress {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        protocol = protocol.toLowerCase(Locale.ROOT);
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
    }

    /** @return {@code ipv4}, {@code ipv6} or {@code host}: the element the address is written in */
    public String addressKind() {
        if (host.indexOf(':') >= 0) {
            return "ipv6";
        }
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? "ipv4" : "host";
    }
}
