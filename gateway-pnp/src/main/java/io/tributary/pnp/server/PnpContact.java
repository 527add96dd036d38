package io.tributary.pnp.server;

import java.net.InetSocketAddress;
import java.util.Objects;

import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.Udi;

/**
 * One agent contact as a handler sees it: the parsed message and where it came from.
 *
 * @param message the parsed work request or work response
 * @param udi the envelope's UDI, parsed
 * @param remoteAddress the agent's address as this server sees it (after any NAT), or {@code null}
 * @param host the {@code Host} header the agent used to reach this server (NAT-aware base for file URLs), or
 *             {@code null}
 * @param secure whether the contact came over HTTPS
 * @param document the document as received (for publishing results verbatim); not to be modified
 */
public record PnpContact(PnpMessage message, Udi udi, InetSocketAddress remoteAddress, String host, boolean secure,
                         byte[] document) {

    /** Checks message and UDI. */
    public PnpContact {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(udi, "udi");
    }

    /** @return the device's serial number, the key of all per-device state */
    public String serial() {
        return udi.serial();
    }
}
