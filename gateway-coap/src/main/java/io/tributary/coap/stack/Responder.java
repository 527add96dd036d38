package io.tributary.coap.stack;

import java.net.InetSocketAddress;

import io.tributary.coap.message.CoapMessage;
import reactor.core.publisher.Mono;

/** The application side of the server: maps a deduplicated, validated request to its response. */
@FunctionalInterface
public interface Responder {

    /**
     * @param request the request message
     * @param peer who sent it
     * @param multicast whether it was sent to a multicast group
     * @return the response; an error becomes 5.00, an empty result 5.00 as well
     */
    Mono<? extends Response> respond(CoapMessage request, InetSocketAddress peer, boolean multicast);
}
