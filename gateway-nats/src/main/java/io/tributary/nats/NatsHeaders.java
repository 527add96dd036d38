package io.tributary.nats;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.nats.client.impl.Headers;
import io.tributary.core.Message;
import io.tributary.core.Topic;

/**
 * The headers a message carries over NATS, and the key-value envelope of a retained value:
 * <ul>
 * <li>{@code Content-Type}: the content type, when it is printable ASCII;</li>
 * <li>{@code Tributary-Origin}: three fields separated by spaces: the id of the gateway that exported it (loop and
 * echo checks), its sequence number at that gateway (one delivery per export, whichever path it takes) and its
 * timestamp in milliseconds since the epoch, e.g. {@code site1-3f9a1c2e 42 1764417600123}; one header rather than
 * three, because every header costs the client parsing time on every message;</li>
 * <li>{@code Tributary-Retain: true} for a retained value (an empty payload clears it);</li>
 * <li>{@code Tributary-Attributes}: the attributes, form-encoded ({@code name=value&...}, UTF-8).</li>
 * </ul>
 * A message arriving from NATS gets attribute {@link Message#ORIGIN} {@code nats} (so it is never exported
 * again), {@link #GATEWAY} and {@link #ID} from the headers, and the exporting adapter's origin as {@link #ADAPTER}.
 * Messages from other NATS clients need none of these headers.
 */
public final class NatsHeaders {

    /** The value of {@link Message#ORIGIN} on messages that came from NATS. */
    public static final String ORIGIN_NATS = "nats";
    /** Attribute naming the gateway a message came from. */
    public static final String GATEWAY = "nats.gateway";
    /** Attribute holding a message's id at the gateway it came from. */
    public static final String ID = "nats.id";
    /** Attribute naming the adapter a message entered the exporting gateway through, e.g. {@code coap}. */
    public static final String ADAPTER = "nats.adapter";

    static final String CONTENT_TYPE = "Content-Type";
    static final String ORIGIN = "Tributary-Origin";
    static final String RETAIN = "Tributary-Retain";
    static final String ATTRIBUTES = "Tributary-Attributes";

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] ENVELOPE = "NATS/1.0\r\n".getBytes(StandardCharsets.US_ASCII);

    private NatsHeaders() {
    }

    /**
     * @param message a local message
     * @param gateway this gateway's id
     * @param id the message's sequence number at this gateway
     * @return its headers
     */
    static Headers of(Message message, String gateway, long id) {
        Headers headers = new Headers().put(ORIGIN, gateway + ' ' + id + ' ' + message.timestampMillis());
        String type = message.contentType();
        if (type != null && printable(type)) {
            headers.put(CONTENT_TYPE, type);
        }
        if (message.retain()) {
            headers.put(RETAIN, "true");
        }
        if (!message.attributes().isEmpty()) {
            headers.put(ATTRIBUTES, form(message.attributes()));
        }
        return headers;
    }

    /**
     * @param topic the topic its subject maps to
     * @param headers its headers, or {@code null}
     * @param payload its payload
     * @return the router message, marked as come from NATS
     */
    static Message toMessage(Topic topic, Headers headers, byte[] payload) {
        Message.Builder builder = Message.builder(topic).payload(payload == null ? EMPTY : payload);
        String gateway = null;
        String id = null;
        String form = null;
        if (headers != null) {
            // one pass over the few headers rather than a lookup per name
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                String value = header.getValue().isEmpty() ? null : header.getValue().get(0);
                switch (header.getKey()) {
                    case CONTENT_TYPE -> builder.contentType(value);
                    case RETAIN -> builder.retain("true".equals(value));
                    case ORIGIN -> {
                        int first = value == null ? -1 : value.indexOf(' ');
                        int second = first < 0 ? -1 : value.indexOf(' ', first + 1);
                        if (second > 0) {
                            gateway = value.substring(0, first);
                            id = value.substring(first + 1, second);
                            builder.timestampMillis(millis(value.substring(second + 1)));
                        }
                    }
                    case ATTRIBUTES -> form = value;
                    default -> {
                    }
                }
            }
        }
        if (form == null && gateway != null && id != null) {
            // the common case, built immutable at once (the builder keeps an immutable map as it is)
            return builder.attributes(Map.of(Message.ORIGIN, ORIGIN_NATS, GATEWAY, gateway, ID, id)).build();
        }
        Map<String, String> attributes = form == null ? new HashMap<>(4) : unform(form);
        putIfPresent(attributes, GATEWAY, gateway);
        putIfPresent(attributes, ID, id);
        putIfPresent(attributes, ADAPTER, attributes.get(Message.ORIGIN));
        attributes.put(Message.ORIGIN, ORIGIN_NATS);
        return builder.attributes(attributes).build();
    }

    /**
     * @param headers a message's headers, or {@code null}
     * @return the id of the gateway that exported it, or {@code null} when it came from another client
     */
    static String gateway(Headers headers) {
        String origin = headers == null ? null : headers.getFirst(ORIGIN);
        int space = origin == null ? -1 : origin.indexOf(' ');
        return space < 0 ? null : origin.substring(0, space);
    }

    /**
     * @param imported a retained value (or deletion) that came from NATS
     * @param current the router's retained value of its topic, or {@code null}
     * @return whether the router already holds it (the same gateway and id), or has nothing for it to delete
     */
    static boolean alreadyRetained(Message imported, Message current) {
        return imported.clearsRetained() ? current == null : sameExport(imported, current);
    }

    /**
     * @param message a message that came from NATS
     * @param other another, or {@code null}
     * @return whether both came from NATS with the same gateway and id, so they are one message
     */
    static boolean sameExport(Message message, Message other) {
        String id = message.attribute(ID);
        return other != null && id != null && id.equals(other.attribute(ID))
                && message.attribute(GATEWAY) != null && message.attribute(GATEWAY).equals(other.attribute(GATEWAY));
    }

    /**
     * @param headers a retained value's headers
     * @param payload its payload
     * @return the key-value envelope: the header block as on the wire ({@code NATS/1.0}, lines, blank line),
     *         then the payload
     */
    static byte[] envelope(Headers headers, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(headers.serializedLength() + payload.length + 16);
        out.writeBytes(ENVELOPE);
        headers.forEach((name, values) -> values.forEach(value ->
                out.writeBytes((name + ":" + value + "\r\n").getBytes(StandardCharsets.UTF_8))));
        out.writeBytes(new byte[] {'\r', '\n'});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /**
     * @param value a key-value entry's value
     * @return its headers and payload; a value without the envelope is all payload, with no headers
     */
    static Unwrapped unwrap(byte[] value) {
        if (value == null || value.length < ENVELOPE.length
                || !Arrays.equals(value, 0, ENVELOPE.length, ENVELOPE, 0, ENVELOPE.length)) {
            return new Unwrapped(null, value == null ? new byte[0] : value);
        }
        Headers headers = new Headers();
        int at = ENVELOPE.length;
        while (at + 1 < value.length) {
            int end = lineEnd(value, at);
            if (end < 0) {
                return new Unwrapped(null, value);
            }
            if (end == at) {
                return new Unwrapped(headers, Arrays.copyOfRange(value, at + 2, value.length));
            }
            String line = new String(value, at, end - at, StandardCharsets.UTF_8);
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(line.substring(0, colon), line.substring(colon + 1));
            }
            at = end + 2;
        }
        return new Unwrapped(null, value);
    }

    /** @return the header's milliseconds, or -1 (now) when it is not a non-negative number */
    private static long millis(String time) {
        if (time == null) {
            return -1;
        }
        try {
            return Math.max(-1, Long.parseLong(time));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int lineEnd(byte[] value, int from) {
        for (int i = from; i + 1 < value.length; i++) {
            if (value[i] == '\r' && value[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }

    private static boolean printable(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    static String form(Map<String, String> attributes) {
        StringBuilder form = new StringBuilder();
        attributes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
        });
        return form.toString();
    }

    static Map<String, String> unform(String form) {
        Map<String, String> attributes = new HashMap<>();
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                try {
                    attributes.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    // a foreign client's broken pair is skipped; the message still goes through
                }
            }
        }
        return attributes;
    }

    /**
     * A key-value value split into headers and payload.
     *
     * @param headers the headers, or {@code null} for a value without the envelope
     * @param payload the payload
     */
    record Unwrapped(Headers headers, byte[] payload) {
    }
}
