package io.tributary.coap.stack;

import java.net.InetSocketAddress;

import io.tributary.coap.message.CoapMessage;

/**
 * How the client side of a stack hands its outcomes to the API above it, in that API's types, so no operator or
 * wrapper is needed per request.
 *
 * @param <R> what a response becomes
 */
public interface ClientResults<R> {

    /**
     * @param response a response message matched to a request, or received for a multicast request
     * @param peer who sent it
     * @return the caller's value
     */
    R response(CoapMessage response, InetSocketAddress peer);

    /**
     * @param failure why an exchange ended without a response
     * @return the error the caller sees
     */
    Throwable failure(ExchangeFailure failure);
}
