package io.tributary.coap;

import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One declared route with what answers it: a handler, or for an observable route the states of its resources.
 *
 * @param route method, pattern, formats and link attributes
 * @param handler maps a request to its response, or {@code null} for an observable route
 * @param states maps the first request of a resource to its states, or {@code null} for a plain route
 */
record RouteEntry(CoapRoute route, Function<CoapRequest, Mono<CoapResponse>> handler,
                  Function<CoapRequest, Flux<CoapResponse>> states) {

    boolean observable() {
        return states != null;
    }
}
