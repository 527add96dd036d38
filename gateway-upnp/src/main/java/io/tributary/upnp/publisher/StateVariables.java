package io.tributary.upnp.publisher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tributary.upnp.event.Property;
import io.tributary.upnp.event.PropertySet;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A thread-safe table of evented state variables for embedders: {@link #set(String, String)} changes a value and
 * emits the change; the table is the {@link EventSource} of a service. Variables keep their first-set order.
 */
public final class StateVariables implements EventSource {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Sinks.Many<PropertySet> sink = Sinks.many().multicast().directBestEffort();

    private StateVariables() {
    }

    /** @return an empty table */
    public static StateVariables create() {
        return new StateVariables();
    }

    /**
     * @param initial variable name to value, in order
     * @return a table holding those values
     */
    public static StateVariables of(Map<String, String> initial) {
        StateVariables table = new StateVariables();
        initial.forEach((name, value) -> table.values.put(new Property(name, value).name(), value));
        return table;
    }

    /**
     * Changes one variable and emits it as one event message.
     *
     * @param name the variable name, an XML NCName
     * @param value the new value
     */
    public void set(String name, String value) {
        set(PropertySet.of(name, value));
    }

    /**
     * Changes several variables and emits them together as one event message.
     *
     * @param changes the changed variables
     */
    public synchronized void set(PropertySet changes) {
        for (Property property : changes.properties()) {
            values.put(property.name(), property.value());
        }
        sink.tryEmitNext(changes);
    }

    /** @return the current values, in order */
    public synchronized Map<String, String> values() {
        return Map.copyOf(values);
    }

    @Override
    public Mono<PropertySet> snapshot() {
        return Mono.fromSupplier(this::current);
    }

    private synchronized PropertySet current() {
        return PropertySet.of(List.copyOf(values.entrySet()).stream()
                .map(entry -> new Property(entry.getKey(), entry.getValue())).toList());
    }

    @Override
    public Flux<PropertySet> changes() {
        return sink.asFlux();
    }
}
