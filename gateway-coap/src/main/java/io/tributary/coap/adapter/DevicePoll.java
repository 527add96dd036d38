package io.tributary.coap.adapter;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import io.tributary.core.Topic;

/**
 * A CoAP device the gateway reads periodically; each response is published as the retained value of
 * {@code coap/<name>/<path>}.
 *
 * @param name device name, one topic segment
 * @param uri what to GET, e.g. {@code coap://192.0.2.5/sensors/temp}
 * @param interval time between reads, at least 1 s
 * @param confirmable CON (true) or NON requests
 */
public record DevicePoll(String name, URI uri, Duration interval, boolean confirmable) {

    /** Validates the poll. */
    public DevicePoll {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(interval, "interval");
        checkName(name);
        checkUri(uri);
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("poll '" + name + "': interval must be at least 1 s");
        }
    }

    /**
     * @param name a device name
     * @throws IllegalArgumentException unless it is one topic segment
     */
    public static void checkName(String name) {
        Topic.of(name);
        if (name.contains("/")) {
            throw new IllegalArgumentException("poll name '" + name + "' must be one topic segment");
        }
    }

    /**
     * @param uri what a poll reads
     * @throws IllegalArgumentException unless it is a coap:// URI with a host
     */
    public static void checkUri(URI uri) {
        if (!"coap".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + uri + "' is not a coap:// URI with a host");
        }
    }

    /** @return the topic the device's values are published to */
    public Topic topic() {
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        return path.isEmpty() ? Topic.of("coap", name) : Topic.of("coap/" + name + "/" + path);
    }
}
