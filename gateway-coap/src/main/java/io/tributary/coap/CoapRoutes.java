package io.tributary.coap;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.stack.Responder;
import reactor.core.publisher.Mono;

/**
 * The server's route table, declared inside {@link CoapServer#route}: routes are tried in declaration order; a
 * path that no route matches gets 4.04, a matched path without a route for the method 4.05, then the route's
 * Content-Format checks give 4.15 and 4.06. A handler's error becomes 5.00 and is logged.
 */
public final class CoapRoutes {

    private final List<Entry> entries = new ArrayList<>();

    CoapRoutes() {
    }

    /**
     * @param route method, pattern and formats
     * @param handler maps a request to its response
     * @return this table
     */
    public CoapRoutes route(CoapRoute route, Function<CoapRequest, Mono<CoapResponse>> handler) {
        entries.add(new Entry(route, handler));
        return this;
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
        return entries.stream().map(entry -> entry.route).toList();
    }

    Responder responder() {
        List<Entry> table = List.copyOf(entries);
        return (message, peer, multicast) -> dispatch(table, message, peer, multicast);
    }

    private static Mono<CoapResponse> dispatch(List<Entry> table, CoapMessage message, InetSocketAddress peer,
                                               boolean multicast) {
        CoapOptions options = message.options();
        int first = options.indexOf(CoapOption.URI_PATH);
        int count = first < 0 ? 0 : options.count(CoapOption.URI_PATH);
        boolean pathMatched = false;
        for (Entry entry : table) {
            if (!entry.route.matches(options, first, count)) {
                continue;
            }
            pathMatched = true;
            if (entry.route.method().code() != message.code()) {
                continue;
            }
            int format = options.contentFormat();
            if ((message.payload().length > 0 || format >= 0) && !entry.route.consumesFormat(format)) {
                return Mono.just(CoapResponse.error(CoapCode.UNSUPPORTED_CONTENT_FORMAT,
                        (format < 0 ? "a payload without Content-Format is" : ContentFormat.of(format) + " is")
                                + " not accepted here"));
            }
            int accept = options.accept();
            if (accept >= 0 && !entry.route.producesFormat(accept)) {
                return Mono.just(CoapResponse.error(CoapCode.NOT_ACCEPTABLE,
                        "cannot produce " + ContentFormat.of(accept)));
            }
            CoapRequest request = new CoapRequest(message, peer, multicast, entry.route.variables(options, first),
                    entry.route.remainder(options, first, count));
            return entry.handler.apply(request);
        }
        return Mono.just(pathMatched ? CoapResponse.of(CoapCode.METHOD_NOT_ALLOWED)
                : CoapResponse.of(CoapCode.NOT_FOUND));
    }

    private static final class Entry {
        final CoapRoute route;
        final Function<CoapRequest, Mono<CoapResponse>> handler;

        Entry(CoapRoute route, Function<CoapRequest, Mono<CoapResponse>> handler) {
            this.route = route;
            this.handler = handler;
        }
    }
}
