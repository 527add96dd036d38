package io.tributary.upnp.ssdp;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

/** Sends SSDP messages out of one link (interface and address family); the real one is {@link MulticastChannels}. */
public interface SsdpTransport {

    /**
     * @param message the message
     * @param recipient a multicast group or a searcher's address
     * @param via the link to send on
     * @return completes once the datagram is written
     */
    Mono<Void> send(SsdpMessage message, InetSocketAddress recipient, SsdpLink via);
}
