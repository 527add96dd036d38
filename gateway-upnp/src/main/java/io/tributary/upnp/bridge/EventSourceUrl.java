package io.tributary.upnp.bridge;

import java.net.URI;
import java.util.Objects;

/**
 * A UPnP event source the gateway subscribes to at start: its events are published as retained messages on
 * {@code upnp/<name>/<variable>}.
 *
 * @param name the source name, one topic segment (no {@code /}, {@code +} or {@code #}), e.g. {@code livingroom-tv}
 * @param url the event subscription URL, {@code http://}
 */
public record EventSourceUrl(String name, URI url) {

    /**
     * Checks the parts.
     *
     * @param name the source name
     * @param url the event subscription URL
     */
    public EventSourceUrl {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        if (name.isEmpty() || name.contains("/") || name.contains("+") || name.contains("#")) {
            throw new IllegalArgumentException("source name '" + name + "' must be one topic segment");
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("source '" + name + "': event URL must be http://host..., was " + url);
        }
    }
}
