package io.tributary.upnp.ssdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SSDP datagram (UDA 2.0 §1.1): an HTTP-shaped start line ({@value #NOTIFY}, {@value #M_SEARCH} or a response
 * such as {@value #OK}), header fields in order (names compared case-insensitively), and a body, which only
 * multicast events carry. Immutable.
 */
public final class SsdpMessage {

    /** The start line of advertisements and multicast events. */
    public static final String NOTIFY = "NOTIFY * HTTP/1.1";
    /** The start line of searches. */
    public static final String M_SEARCH = "M-SEARCH * HTTP/1.1";
    /** The start line of search responses. */
    public static final String OK = "HTTP/1.1 200 OK";

    private final String startLine;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;

    private SsdpMessage(String startLine, List<Map.Entry<String, String>> headers, byte[] body) {
        this.startLine = startLine;
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    /**
     * @param startLine e.g. {@link #NOTIFY}
     * @return a builder of a message with that start line
     */
    public static Builder builder(String startLine) {
        return new Builder(Objects.requireNonNull(startLine, "startLine"));
    }

    /** @return the start line as written */
    public String startLine() {
        return startLine;
    }

    /** @return whether this is a {@code NOTIFY} request */
    public boolean isNotify() {
        return startLine.regionMatches(true, 0, "NOTIFY ", 0, 7);
    }

    /** @return whether this is an {@code M-SEARCH} request */
    public boolean isSearch() {
        return startLine.regionMatches(true, 0, "M-SEARCH ", 0, 9);
    }

    /** @return whether this is a response ({@code HTTP/1.x status reason}) */
    public boolean isResponse() {
        return startLine.regionMatches(true, 0, "HTTP/", 0, 5);
    }

    /**
     * @param name a header name, any case
     * @return the first value of that header, trimmed, or {@code null}
     */
    public String header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** @return the headers in order, names as written */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** @return the body (empty for everything but multicast events) */
    public byte[] body() {
        return body.clone();
    }

    int bodyLength() {
        return body.length;
    }

    byte[] bodyUnsafe() {
        return body;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(startLine);
        headers.forEach(header -> text.append(" | ").append(header.getKey()).append(": ").append(header.getValue()));
        return text.toString();
    }

    /** Collects the header fields of a message. */
    public static final class Builder {
        private final String startLine;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte[] body = new byte[0];

        private Builder(String startLine) {
            this.startLine = startLine;
        }

        /**
         * @param name the header name, written as given
         * @param value its value; {@code null} leaves the header out
         * @return this builder
         */
        public Builder header(String name, String value) {
            if (value != null) {
                headers.add(Map.entry(name, value));
            }
            return this;
        }

        /**
         * @param bytes the body; default none
         * @return this builder
         */
        public Builder body(byte[] bytes) {
            this.body = bytes.clone();
            return this;
        }

        /** @return the message */
        public SsdpMessage build() {
            return new SsdpMessage(startLine, headers, body);
        }
    }
}
