package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One observe relation (RFC 7641 §4.1) as a status view shows it, a snapshot taken on its stack's loop.
 *
 * @param peer the observing client's address
 * @param resource the observed resource's path and query, or {@code null} when the resource does not name itself
 * @param token the registration's token in lower-case hex, empty for a zero-length token
 * @param observe the last Observe value sent (24 bits; the registration's response counts)
 * @param confirmable whether the registration was CON, which notifications follow by default (§4.5)
 * @param age time since the relation was made
 */
public record CoapObserver(InetSocketAddress peer, String resource, String token, int observe, boolean confirmable,
                           Duration age) {
}
