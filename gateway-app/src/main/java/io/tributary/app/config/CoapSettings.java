package io.tributary.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The CoAP adapter: the UDP endpoint, the RFC 7252 transmission parameters, memory caps, multicast groups and
 * device polls.
 *
 * @param enabled whether the adapter runs; default true
 * @param host bind address, {@code ::} for IPv4 and IPv6; default {@code ::}
 * @param port UDP port; default 5683
 * @param ackTimeout ACK_TIMEOUT (RFC 7252 §4.8); default 2s
 * @param ackRandomFactor ACK_RANDOM_FACTOR (§4.8); default 1.5
 * @param maxRetransmit MAX_RETRANSMIT (§4.8); default 4
 * @param nstart NSTART (§4.7); default 1
 * @param defaultLeisure DEFAULT_LEISURE for multicast responses (§8.2); default 5s
 * @param separateResponseDelay how long a handler may take before an empty ACK is sent (§5.2.2); default 1s
 * @param dedupPerPeer message IDs remembered per peer (§4.5); default 512
 * @param dedupTotal message IDs remembered in total; default 500000
 * @param maxPeers peers tracked at once; default 100000
 * @param receiveBuffer SO_RCVBUF; default 4MiB
 * @param multicast multicast groups to join
 * @param polls devices read periodically and published under {@code coap/<name>/<path>}
 */
public record CoapSettings(boolean enabled, String host, int port, Duration ackTimeout, double ackRandomFactor,
                           int maxRetransmit, int nstart, Duration defaultLeisure, Duration separateResponseDelay,
                           int dedupPerPeer, int dedupTotal, int maxPeers, ByteSize receiveBuffer,
                           Multicast multicast, List<Poll> polls) {

    /**
     * Multicast membership (RFC 7252 §8).
     *
     * @param groups groups to join, e.g. {@code 224.0.1.187}, {@code ff02::fd}; default none
     * @param networkInterface interface name for membership; default the bind address's interface
     */
    public record Multicast(List<String> groups, String networkInterface) {
    }

    /**
     * A device read periodically.
     *
     * @param name device name, one topic segment
     * @param uri {@code coap://host[:port]/path}
     * @param interval time between reads; default 60s
     * @param confirmable CON or NON requests; default true
     */
    public record Poll(String name, URI uri, Duration interval, Boolean confirmable) {
    }
}
