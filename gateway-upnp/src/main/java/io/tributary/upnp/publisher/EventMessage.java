package io.tributary.upnp.publisher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tributary.upnp.event.Property;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.event.PropertySetWriter;

/**
 * One event message waiting to be sent; shared by every subscription it is queued on, so its body is encoded once.
 * A message that merges newer ones becomes private to the queue it waits in, and each later merge costs only the
 * newer message's variables: a subscriber that is far behind on a service with thousands of variables must not
 * cost a copy of them all per change.
 */
final class EventMessage {

    /** Variables by name in first-seen order; only in a message private to one queue, else {@code null}. */
    private final Map<String, Property> merged;
    private PropertySet properties;
    private volatile byte[] body;

    EventMessage(PropertySet properties) {
        this.properties = properties;
        this.merged = null;
    }

    private EventMessage(Map<String, Property> merged) {
        this.merged = merged;
    }

    /** @return the variables; read once the message has left its queue (merges happen while it waits) */
    PropertySet properties() {
        PropertySet current = properties;
        if (current == null) {
            current = PropertySet.of(new ArrayList<>(merged.values()));
            properties = current;
        }
        return current;
    }

    byte[] body(PropertySetWriter writer) {
        byte[] encoded = body;
        if (encoded == null) {
            encoded = writer.write(properties());
            body = encoded;
        }
        return encoded;
    }

    /**
     * Merges a newer message into this one, a variable's newer value replacing its older one in place; called under
     * the lock of the queue this message waits in.
     *
     * @param newer the later message
     * @return this message when it is already private to the queue, else a private copy with both merged
     */
    EventMessage mergedWith(EventMessage newer) {
        EventMessage target = this;
        if (merged == null) {
            Map<String, Property> copy = new LinkedHashMap<>();
            putAll(copy, properties);
            target = new EventMessage(copy);
        }
        putAll(target.merged, newer.properties());
        target.properties = null;
        target.body = null;
        return target;
    }

    private static void putAll(Map<String, Property> into, PropertySet properties) {
        for (Property property : properties.properties()) {
            into.put(property.name(), property);
        }
    }
}
