package io.tributary.upnp.ssdp;

import java.net.InetSocketAddress;

/**
 * A received datagram: the message, or why it could not be read, with the sender and the address it was sent to
 * (the group for multicast, the local address for unicast, {@code null} when the transport does not say).
 *
 * @param message the message, or {@code null} when {@code invalid} says why not
 * @param invalid the reason it was dropped ({@code too-large}, {@code too-many-headers}, {@code not-http},
 *                {@code bad-header}), or {@code null}
 * @param sender who sent it
 * @param recipient where it was sent, or {@code null}
 */
public record SsdpDatagram(SsdpMessage message, String invalid, InetSocketAddress sender,
                           InetSocketAddress recipient) {

    /** @return whether it was sent to a multicast group (not known means multicast, as most SSDP traffic is) */
    public boolean multicast() {
        return recipient == null || recipient.getAddress() == null || recipient.getAddress().isMulticastAddress()
                || recipient.getAddress().isAnyLocalAddress();
    }
}
