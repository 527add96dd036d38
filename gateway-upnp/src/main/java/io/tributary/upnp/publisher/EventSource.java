package io.tributary.upnp.publisher;

import io.tributary.upnp.event.PropertySet;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where an evented service's state comes from: the current value of every evented variable, for a new
 * subscription's initial event, and the stream of changes. A change must be visible in {@link #snapshot()} before
 * it is emitted by {@link #changes()}, so that no subscription can miss it.
 */
public interface EventSource {

    /** @return the current value of every evented variable, for an initial event (SEQ 0) */
    Mono<PropertySet> snapshot();

    /** @return changed variables, one property set per event message; subscribed once while the service runs */
    Flux<PropertySet> changes();
}
