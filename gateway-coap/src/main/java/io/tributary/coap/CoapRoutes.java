package io.tributary.coap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.tributary.coap.message.CoapMethod;
import io.tributary.coap.stack.Observations;
import io.tributary.coap.stack.Responder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The server's route table, declared inside {@link CoapServer#route}: routes are tried in declaration order; a
 * path that no route matches gets 4.04, a matched path without a route for the method 4.05, then the route's
 * checks give 4.02 (If-Match or If-None-Match on a route that is not {@link CoapRoute#conditional()}), 4.15 and
 * 4.06. A handler's error becomes 5.00 and is logged. After the handler, a 2.05 whose ETag the request holds
 * becomes 2.03 Valid, and a representation in another Content-Format than the request's Accept 4.06
 * (RFC 7252 §5.10.4, §5.10.6). {@code GET /.well-known/core} lists the routes in link format (RFC 6690) unless a
 * route of that path is declared.
 */
public final class CoapRoutes {

    /** The path of resource discovery (RFC 6690 §4). */
    public static final String WELL_KNOWN_CORE = "/.well-known/core";

    private final List<RouteEntry> entries = new ArrayList<>();

    CoapRoutes() {
    }

    /**
     * @param route method, pattern, formats and link attributes
     * @param handler maps a request to its response
     * @return this table
     */
    public CoapRoutes route(CoapRoute route, Function<CoapRequest, Mono<CoapResponse>> handler) {
        entries.add(new RouteEntry(Objects.requireNonNull(route, "route"),
                Objects.requireNonNull(handler, "handler"), null));
        return this;
    }

    /**
     * Declares an observable resource (RFC 7641): a GET route whose handler maps a request to the resource's
     * states. The flux is subscribed once per resource (path and query), with the first request, and shared: its
     * latest state answers every GET, and each further state is a notification to every observer (a 4.xx or
     * 5.xx state a final one); it is cancelled once no observer is left. A GET with Observe 0 prefers this route
     * to a plain GET route of the same path; declare a plain one first to serve plain GETs without a subscription.
     *
     * @param route a GET route with its formats and link attributes; listed with {@code obs}
     * @param states maps the first request of a resource to its states, the current one first
     * @return this table
     */
    public CoapRoutes observe(CoapRoute route, Function<CoapRequest, Flux<CoapResponse>> states) {
        if (route.method() != CoapMethod.GET) {
            throw new IllegalArgumentException("only GET routes are observable, not " + route);
        }
        entries.add(new RouteEntry(route.observable(), null, Objects.requireNonNull(states, "states")));
        return this;
    }

    /**
     * @param pattern path pattern
     * @param states maps the first request of a resource to its states, the current one first
     * @return this table
     */
    public CoapRoutes observe(String pattern, Function<CoapRequest, Flux<CoapResponse>> states) {
        return observe(CoapRoute.get(pattern), states);
    }

    /**
     * @param pattern path pattern
     * @param handler maps a request to its response
     * @return this table
     */
    public CoapRoutes get(String pattern, Function<CoapRequest, Mono<CoapResponse>> handler) {
        return route(CoapRoute.get(pattern), handler);
    }

    /**
     * @param pattern path pattern
     * @param handler maps a request to its response
     * @return this table
     */
    public CoapRoutes post(String pattern, Function<CoapRequest, Mono<CoapResponse>> handler) {
        return route(CoapRoute.post(pattern), handler);
    }

    /**
     * @param pattern path pattern
     * @param handler maps a request to its response
     * @return this table
     */
    public CoapRoutes put(String pattern, Function<CoapRequest, Mono<CoapResponse>> handler) {
        return route(CoapRoute.put(pattern), handler);
    }

    /**
     * @param pattern path pattern
     * @param handler maps a request to its response
     * @return this table
     */
    public CoapRoutes delete(String pattern, Function<CoapRequest, Mono<CoapResponse>> handler) {
        return route(CoapRoute.delete(pattern), handler);
    }

    /** @return the declared routes, in order */
    public List<CoapRoute> routes() {
        return entries.stream().map(RouteEntry::route).toList();
    }

    Responder responder(Observations observations) {
        List<RouteEntry> table = new ArrayList<>(entries);
        LinkFormat links = new LinkFormat(routes());
        CoapRoute discovery = CoapRoute.get(WELL_KNOWN_CORE).produces(ContentFormat.LINK_FORMAT);
        table.add(new RouteEntry(discovery, request -> Mono.just(CoapResponse.content(
                CoapResponse.utf8(links.render(request.query())), ContentFormat.LINK_FORMAT)), null));
        return new RouteDispatch(table, new ObservedResources(observations));
    }
}
