package io.tributary.coap.codec;

import java.net.InetSocketAddress;

import io.tributary.coap.message.CoapFormatException;
import io.tributary.coap.message.CoapMessage;

/**
 * What the datagram decoder emits for each datagram: a message, or the format error it caused, with the sender
 * and the address it was sent to (a multicast group address marks a multicast request).
 *
 * @param message the decoded message, or {@code null} when malformed
 * @param error the format error, or {@code null} when well-formed
 * @param sender who sent the datagram
 * @param recipient the datagram's destination, or {@code null} if the transport does not report it
 */
public record CoapInbound(CoapMessage message, CoapFormatException error, InetSocketAddress sender,
                          InetSocketAddress recipient) {

    /** @return whether the datagram was addressed to a multicast group */
    public boolean multicast() {
        return recipient != null && recipient.getAddress() != null && recipient.getAddress().isMulticastAddress();
    }
}
