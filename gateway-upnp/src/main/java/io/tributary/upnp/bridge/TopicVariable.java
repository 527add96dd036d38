package io.tributary.upnp.bridge;

import java.util.Objects;

import io.tributary.core.Topic;
import io.tributary.upnp.event.XmlNames;
import io.tributary.upnp.publisher.Moderation;

/**
 * One state variable of a configured service: the router topic it mirrors, its name and its moderation.
 *
 * @param topic the router topic, e.g. {@code coap/kitchen/temp}
 * @param name the state variable name, an XML NCName, e.g. {@code Temperature}
 * @param moderation its moderation, {@link Moderation#none()} by default
 */
public record TopicVariable(Topic topic, String name, Moderation moderation) {

    /**
     * Checks the parts.
     *
     * @param topic the router topic
     * @param name the variable name
     * @param moderation the moderation
     */
    public TopicVariable {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(moderation, "moderation");
        if (!XmlNames.isNcName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid state variable name (XML NCName)");
        }
    }
}
