package io.tributary.upnp;

import java.util.List;
import java.util.Objects;

import io.tributary.upnp.bridge.TopicVariable;

/**
 * A configured evented service of the UPnP adapter: an event subscription path and the topics it events.
 *
 * @param path the event subscription path, e.g. {@code /upnp/event/kitchen}
 * @param variables the topics and their variable names, in initial-event order
 */
public record ConfiguredService(String path, List<TopicVariable> variables) {

    /**
     * Copies the list.
     *
     * @param path the path
     * @param variables the variables, at least one
     */
    public ConfiguredService {
        Objects.requireNonNull(path, "path");
        variables = List.copyOf(variables);
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("service " + path + " has no variables");
        }
    }
}
