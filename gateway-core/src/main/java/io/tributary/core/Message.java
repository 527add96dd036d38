package io.tributary.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable routed message: a topic, a payload that is never mutated after creation, an optional content type,
 * a small attribute map (origin adapter, peer address, protocol details), a timestamp and a retain flag.
 */
public final class Message {

    /** Attribute naming the adapter a message came from, e.g. {@code coap}. */
    public static final String ORIGIN = "origin";
    /** Attribute holding the remote peer's address, e.g. {@code 192.0.2.7:5683}. */
    public static final String PEER = "peer";

    private static final byte[] EMPTY = new byte[0];

    private final Topic topic;
    private final byte[] payload;
    private final String contentType;
    private final Map<String, String> attributes;
    private final long timestampMillis;
    private final boolean retain;

    private Message(Topic topic, byte[] payload, String contentType, Map<String, String> attributes,
                    long timestampMillis, boolean retain) {
        this.topic = topic;
        this.payload = payload;
        this.contentType = contentType;
        this.attributes = attributes;
        this.timestampMillis = timestampMillis;
        this.retain = retain;
    }

    /**
     * Starts a message for a topic: empty payload, no content type, no attributes, not retained, timestamp now.
     *
     * @param topic the destination topic
     * @return a builder
     */
    public static Builder builder(Topic topic) {
        return new Builder(Objects.requireNonNull(topic, "topic"));
    }

    /**
     * Creates a non-retained message with a UTF-8 text payload and content type {@code text/plain;charset=utf-8}.
     *
     * @param topic the destination topic
     * @param text the payload text
     * @return the message
     */
    public static Message text(Topic topic, String text) {
        return builder(topic).payload(text.getBytes(StandardCharsets.UTF_8)).contentType("text/plain;charset=utf-8")
                .build();
    }

    /** @return the destination topic */
    public Topic topic() {
        return topic;
    }

    /** @return a read-only view of the payload */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    /** @return a copy of the payload bytes */
    public byte[] payloadBytes() {
        return payload.length == 0 ? EMPTY : payload.clone();
    }

    /** @return the payload decoded as UTF-8 */
    public String payloadUtf8() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** @return the payload length in bytes */
    public int payloadLength() {
        return payload.length;
    }

    /** @return the content type (a MIME type or a protocol-specific name), or {@code null} when unknown */
    public String contentType() {
        return contentType;
    }

    /** @return the attributes, unmodifiable, never {@code null} */
    public Map<String, String> attributes() {
        return attributes;
    }

    /**
     * @param name attribute name
     * @return the attribute value, or {@code null}
     */
    public String attribute(String name) {
        return attributes.get(name);
    }

    /** @return creation time in milliseconds since the epoch */
    public long timestampMillis() {
        return timestampMillis;
    }

    /** @return whether the router keeps this message as the topic's last value (an empty payload clears it) */
    public boolean retain() {
        return retain;
    }

    /** @return whether this retained message clears the topic's retained value */
    public boolean clearsRetained() {
        return retain && payload.length == 0;
    }

    /**
     * Returns a builder initialised with this message's fields, for deriving a changed copy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder(topic);
        builder.payload = payload;
        builder.contentType = contentType;
        builder.attributes = attributes;
        builder.timestampMillis = timestampMillis;
        builder.retain = retain;
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Message)) {
            return false;
        }
        Message that = (Message) other;
        return topic.equals(that.topic) && Arrays.equals(payload, that.payload)
                && Objects.equals(contentType, that.contentType) && attributes.equals(that.attributes)
                && timestampMillis == that.timestampMillis && retain == that.retain;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), contentType, timestampMillis, retain);
    }

    @Override
    public String toString() {
        return "Message[" + topic + ", " + payload.length + " bytes" + (contentType == null ? "" : ", " + contentType)
                + (retain ? ", retained" : "") + ", " + attributes + "]";
    }

    /** Collects the fields of a {@link Message}; the payload is copied on {@link #payload(byte[])}. */
    public static final class Builder {
        private final Topic topic;
        private byte[] payload = EMPTY;
        private String contentType;
        private Map<String, String> attributes = Map.of();
        private long timestampMillis = -1;
        private boolean retain;

        private Builder(Topic topic) {
            this.topic = topic;
        }

        /**
         * @param bytes the payload, copied; default empty
         * @return this builder
         */
        public Builder payload(byte[] bytes) {
            this.payload = bytes.length == 0 ? EMPTY : bytes.clone();
            return this;
        }

        /**
         * @param text the payload as UTF-8 text; default empty
         * @return this builder
         */
        public Builder payload(String text) {
            return payload(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * @param type a MIME type or protocol-specific name; default {@code null} (unknown)
         * @return this builder
         */
        public Builder contentType(String type) {
            this.contentType = type;
            return this;
        }

        /**
         * @param map attributes, copied; default none
         * @return this builder
         */
        public Builder attributes(Map<String, String> map) {
            this.attributes = Map.copyOf(map);
            return this;
        }

        /**
         * @param name attribute name
         * @param value attribute value
         * @return this builder
         */
        public Builder attribute(String name, String value) {
            HashMap<String, String> copy = new HashMap<>(attributes);
            copy.put(name, value);
            this.attributes = Map.copyOf(copy);
            return this;
        }

        /**
         * @param millis creation time in milliseconds since the epoch; default the time of {@link #build()}
         * @return this builder
         */
        public Builder timestampMillis(long millis) {
            this.timestampMillis = millis;
            return this;
        }

        /**
         * @param keep whether the router keeps this message as the topic's last value; default {@code false}
         * @return this builder
         */
        public Builder retain(boolean keep) {
            this.retain = keep;
            return this;
        }

        /** @return the message */
        public Message build() {
            long time = timestampMillis >= 0 ? timestampMillis : System.currentTimeMillis();
            return new Message(topic, payload, contentType, attributes, time, retain);
        }
    }
}
