package io.tributary.nats;

import java.util.Objects;

import io.nats.client.impl.Headers;
import io.tributary.core.Topic;

/**
 * One message on its way to NATS: the topic and retain flag it was exported from (a retained one also goes to the
 * key-value bucket), its subject, headers and payload.
 */
final class Outgoing {

    /** Per-message bookkeeping counted on top of subject, headers and payload, in bytes. */
    static final int OVERHEAD = 64;

    private final Topic topic;
    private final String subject;
    private final Headers headers;
    private final byte[] payload;
    private final boolean retained;
    private int size;

    /**
     * @param topic the router topic
     * @param subject the subject it is published on
     * @param headers content type, origin gateway, id and attributes; not changed afterwards
     * @param payload the payload, not changed afterwards
     * @param retained whether it is the topic's retained value (an empty payload clears it)
     */
    Outgoing(Topic topic, String subject, Headers headers, byte[] payload, boolean retained) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.retained = retained;
    }

    /** @return the router topic */
    Topic topic() {
        return topic;
    }

    /** @return the subject */
    String subject() {
        return subject;
    }

    /** @return the headers */
    Headers headers() {
        return headers;
    }

    /** @return the payload */
    byte[] payload() {
        return payload;
    }

    /** @return whether it is the topic's retained value */
    boolean retained() {
        return retained;
    }

    /** @return what it holds in an outgoing buffer, in bytes: subject, headers, payload and a fixed overhead */
    int size() {
        if (size == 0) {
            // computed when first buffered, not on the direct path; a racing second computation gives the same
            size = OVERHEAD + subject.length() + (headers.isEmpty() ? 0 : headers.serializedLength())
                    + payload.length;
        }
        return size;
    }

    @Override
    public String toString() {
        return "Outgoing[" + subject + ", " + payload.length + " bytes" + (retained ? ", retained" : "") + "]";
    }
}
