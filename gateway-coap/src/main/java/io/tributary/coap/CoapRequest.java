package io.tributary.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapMethod;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;

/**
 * A request as a server handler sees it: method, path, query, options, payload and the peer; path variables and
 * the remainder matched by a {@code **} route segment are filled in by the router.
 */
public final class CoapRequest {

    private final CoapMessage message;
    private final InetSocketAddress peer;
    private final boolean multicast;
    private final Map<String, String> variables;
    private final List<String> remainder;
    private List<String> path;

    CoapRequest(CoapMessage message, InetSocketAddress peer, boolean multicast, Map<String, String> variables,
                List<String> remainder) {
        this.message = message;
        this.peer = peer;
        this.multicast = multicast;
        this.variables = variables;
        this.remainder = remainder;
    }

    /** @return the method, e.g. {@link CoapMethod#GET}; a route only matches requests of its method */
    public CoapMethod method() {
        return CoapMethod.of(message.code());
    }

    /** @return the Uri-Path segments */
    public List<String> pathSegments() {
        if (path == null) {
            path = message.options().uriPath();
        }
        return path;
    }

    /** @return the path as {@code /a/b}, or {@code /} */
    public String path() {
        List<String> segments = pathSegments();
        return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
    }

    /** @return the Uri-Query items, e.g. {@code ["rt=temp", "if=sensor"]} */
    public List<String> query() {
        return message.options().uriQuery();
    }

    /**
     * @param name a query parameter name
     * @return the value of the first {@code name=value} item, {@code ""} for a bare {@code name}, or {@code null}
     */
    public String queryParam(String name) {
        for (String item : query()) {
            int equals = item.indexOf('=');
            String key = equals < 0 ? item : item.substring(0, equals);
            if (key.equals(name)) {
                return equals < 0 ? "" : item.substring(equals + 1);
            }
        }
        return null;
    }

    /**
     * @param name a {@code {name}} segment of the matched route
     * @return its value, or {@code null}
     */
    public String pathVariable(String name) {
        return variables.get(name);
    }

    /** @return the segments matched by a trailing {@code **} of the route, empty otherwise */
    public List<String> remainder() {
        return remainder;
    }

    /** @return the options */
    public CoapOptions options() {
        return message.options();
    }

    /** @return the payload's Content-Format, or {@code null} when absent */
    public ContentFormat contentFormat() {
        return ContentFormat.orNull(message.options().contentFormat());
    }

    /** @return the Accept option, or {@code null} when absent */
    public ContentFormat accept() {
        return ContentFormat.orNull(message.options().accept());
    }

    /** @return the ETags the client holds for the resource (RFC 7252 §5.10.6.2), empty when none */
    public List<byte[]> etags() {
        return message.options().all(CoapOption.ETAG);
    }

    /**
     * Evaluates If-Match and If-None-Match (RFC 7252 §5.10.8) against the resource's current representation, for
     * a {@link CoapRoute#conditional()} route: If-Match holds when a representation exists and one value is empty
     * or its ETag; If-None-Match holds when none exists. Answer 4.12 Precondition Failed when this is false.
     *
     * @param currentEtag the current representation's ETag, or {@code null} when the resource has none
     * @return whether the request's preconditions hold (true when it carries none)
     */
    public boolean conditionsMet(byte[] currentEtag) {
        CoapOptions options = message.options();
        if (options.has(CoapOption.IF_MATCH)) {
            if (currentEtag == null) {
                return false;
            }
            boolean matched = false;
            for (byte[] value : options.all(CoapOption.IF_MATCH)) {
                matched |= value.length == 0 || Arrays.equals(value, currentEtag);
            }
            if (!matched) {
                return false;
            }
        }
        return currentEtag == null || !options.has(CoapOption.IF_NONE_MATCH);
    }

    /** @return whether this GET registers an observation (Observe 0, RFC 7641 §2) */
    public boolean observeRegistration() {
        return message.options().uint(CoapOption.OBSERVE, -1) == 0;
    }

    /** @return the payload; do not modify */
    public byte[] payload() {
        return message.payload();
    }

    /** @return the payload decoded as UTF-8 */
    public String payloadUtf8() {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    /** @return the requesting peer */
    public InetSocketAddress peer() {
        return peer;
    }

    /** @return whether the request was confirmable */
    public boolean confirmable() {
        return message.type() == CoapType.CON;
    }

    /** @return whether the request was sent to a multicast group (RFC 7252 §8) */
    public boolean multicast() {
        return multicast;
    }

    /** @return the raw message */
    public CoapMessage message() {
        return message;
    }

    @Override
    public String toString() {
        return method() + " " + path() + " from " + peer;
    }
}
