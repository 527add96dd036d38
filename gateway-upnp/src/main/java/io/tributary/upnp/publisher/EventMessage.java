package io.tributary.upnp.publisher;

import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.event.PropertySetWriter;

/**
 * One event message waiting to be sent; shared by every subscription it is queued on, so its body is encoded once.
 */
final class EventMessage {

    final PropertySet properties;
    private volatile byte[] body;

    EventMessage(PropertySet properties) {
        this.properties = properties;
    }

    byte[] body(PropertySetWriter writer) {
        byte[] encoded = body;
        if (encoded == null) {
            encoded = writer.write(properties);
            body = encoded;
        }
        return encoded;
    }

    /** Merges a newer message into this one: a variable's newer value replaces its older one. */
    EventMessage mergedWith(EventMessage newer) {
        return new EventMessage(properties.mergedWith(newer.properties));
    }
}
