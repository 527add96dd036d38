package io.tributary.upnp.publisher;

import io.tributary.upnp.event.PropertySet;

/**
 * Takes the moderated changes of the variables a service marks multicast (UDA 2.0 §4.3.3), in the order they are
 * evented to subscriptions, to send them as multicast events. Called on the thread that fans the change out;
 * must not block.
 */
@FunctionalInterface
public interface MulticastSink {

    /**
     * @param service the service whose variables changed
     * @param properties the changed multicast variables, never empty
     */
    void send(EventedService service, PropertySet properties);
}
