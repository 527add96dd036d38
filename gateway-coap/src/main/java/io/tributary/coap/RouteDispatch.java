package io.tributary.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.ObserveSequence;
import io.tributary.coap.stack.Responder;
import reactor.core.publisher.Mono;

/**
 * The {@link Responder} of a route table: finds the route, applies its checks, runs its handler (or answers from
 * the shared states of an observable resource) and negotiates the response against the request's ETag and Accept.
 */
final class RouteDispatch implements Responder {

    /** An array, not a list: iterating a list allocated an iterator per request (escape analysis gave up). */
    private final RouteEntry[] table;
    private final ObservedResources observed;

    RouteDispatch(List<RouteEntry> table, ObservedResources observed) {
        this.table = table.toArray(new RouteEntry[0]);
        this.observed = observed;
    }

    @Override
    public Mono<CoapResponse> respond(CoapMessage message, InetSocketAddress peer, boolean multicast) {
        CoapOptions options = message.options();
        int first = options.indexOf(CoapOption.URI_PATH);
        int count = first < 0 ? 0 : options.count(CoapOption.URI_PATH);
        boolean register = options.indexOf(CoapOption.OBSERVE) >= 0
                && options.uint(CoapOption.OBSERVE, -1) == ObserveSequence.REGISTER;
        boolean pathMatched = false;
        RouteEntry chosen = null;
        for (RouteEntry entry : table) {
            if (!entry.route().matches(options, first, count)) {
                continue;
            }
            pathMatched = true;
            if (entry.route().method().code() != message.code()) {
                continue;
            }
            if (register && !entry.observable()) {
                // A registration prefers an observable route of the same path.
                chosen = chosen == null ? entry : chosen;
                continue;
            }
            chosen = entry;
            break;
        }
        if (chosen == null) {
            return Mono.just(pathMatched ? CoapResponse.of(CoapCode.METHOD_NOT_ALLOWED)
                    : CoapResponse.of(CoapCode.NOT_FOUND));
        }
        CoapRoute route = chosen.route();
        Mono<CoapResponse> refused = refuse(route, message);
        if (refused != null) {
            return refused;
        }
        CoapRequest request = new CoapRequest(message, peer, multicast, route.variables(options, first),
                route.remainder(options, first, count));
        Mono<CoapResponse> response = chosen.observable()
                ? observed.answer(resource(options), request, chosen.states())
                : chosen.handler().apply(request);
        if (options.indexOf(CoapOption.ETAG) >= 0 || options.indexOf(CoapOption.ACCEPT) >= 0) {
            response = response.map(answer -> negotiate(answer, options));
        }
        return response;
    }

    /** The route's checks before its handler runs: 4.02, 4.15 and 4.06, or {@code null} when it may run. */
    private static Mono<CoapResponse> refuse(CoapRoute route, CoapMessage message) {
        CoapOptions options = message.options();
        if (!route.isConditional()
                && (options.indexOf(CoapOption.IF_MATCH) >= 0 || options.indexOf(CoapOption.IF_NONE_MATCH) >= 0)) {
            // Critical options a server must apply or refuse (RFC 7252 §5.4.1, §5.10.8): this route cannot apply them.
            return Mono.just(CoapResponse.error(CoapCode.BAD_OPTION, "If-Match and If-None-Match are not supported"
                    + " by " + route.pattern()));
        }
        int format = options.contentFormat();
        if ((message.payload().length > 0 || format >= 0) && !route.consumesFormat(format)) {
            return Mono.just(CoapResponse.error(CoapCode.UNSUPPORTED_CONTENT_FORMAT,
                    (format < 0 ? "a payload without Content-Format is" : ContentFormat.of(format) + " is")
                            + " not accepted here"));
        }
        int accept = options.accept();
        if (accept >= 0 && !route.producesFormat(accept)) {
            return Mono.just(CoapResponse.error(CoapCode.NOT_ACCEPTABLE, "cannot produce " + ContentFormat.of(accept)));
        }
        return null;
    }

    /**
     * A representation in another format than Accept becomes 4.06 (RFC 7252 §5.10.4); a 2.05 whose ETag the
     * request holds becomes 2.03 Valid with that ETag and no payload (§5.10.6.2). Either stays a state of its
     * resource, so an observation registered with an ETag is still made.
     */
    private static CoapResponse negotiate(CoapResponse response, CoapOptions request) {
        if (!response.isSuccess()) {
            return response;
        }
        int accept = request.accept();
        int format = response.options().contentFormat();
        if (accept >= 0 && format >= 0 && format != accept) {
            return response.withCode(CoapCode.NOT_ACCEPTABLE, CoapOptions.EMPTY);
        }
        byte[] tag = response.options().first(CoapOption.ETAG);
        if (response.code() != CoapCode.CONTENT || tag == null) {
            return response;
        }
        for (byte[] held : request.all(CoapOption.ETAG)) {
            if (Arrays.equals(held, tag)) {
                CoapOptions valid = CoapOptions.EMPTY.with(CoapOption.ETAG, tag);
                byte[] maxAge = response.options().first(CoapOption.MAX_AGE);
                return response.withCode(CoapCode.VALID, maxAge == null ? valid : valid.with(CoapOption.MAX_AGE,
                        maxAge));
            }
        }
        return response;
    }

    /** The identity of an observed resource: its path and query. */
    private static String resource(CoapOptions options) {
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < options.size(); i++) {
            int number = options.number(i);
            if (number == CoapOption.URI_PATH || number == CoapOption.URI_QUERY) {
                key.append(number == CoapOption.URI_PATH ? '/' : '?')
                        .append(new String(options.value(i), StandardCharsets.UTF_8));
            }
        }
        return key.length() == 0 ? "/" : key.toString();
    }
}
