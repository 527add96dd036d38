package io.tributary.upnp.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content of one GENA event message (UDA 2.0 §4.3.2): state variables with their values, in document order.
 * Immutable; a reader also reports how many malformed properties it skipped.
 */
public final class PropertySet {

    private static final PropertySet EMPTY = new PropertySet(List.of(), 0);

    private final List<Property> properties;
    private final int skipped;

    private PropertySet(List<Property> properties, int skipped) {
        this.properties = properties;
        this.skipped = skipped;
    }

    /** @return a property set without variables */
    public static PropertySet empty() {
        return EMPTY;
    }

    /**
     * @param properties the variables, in order; a name may appear more than once
     * @return the property set
     */
    public static PropertySet of(List<Property> properties) {
        return properties.isEmpty() ? EMPTY : new PropertySet(List.copyOf(properties), 0);
    }

    /**
     * @param values variable name to value, in the map's iteration order
     * @return the property set
     */
    public static PropertySet of(Map<String, String> values) {
        List<Property> list = new ArrayList<>(values.size());
        values.forEach((name, value) -> list.add(new Property(name, value)));
        return of(list);
    }

    /**
     * @param name a variable name
     * @param value its value
     * @return a property set with that one variable
     */
    public static PropertySet of(String name, String value) {
        return new PropertySet(List.of(new Property(name, value)), 0);
    }

    static PropertySet read(List<Property> properties, int skipped) {
        return new PropertySet(Collections.unmodifiableList(properties), skipped);
    }

    /** @return the variables in document order, unmodifiable */
    public List<Property> properties() {
        return properties;
    }

    /**
     * @param name a variable name
     * @return the last value given for that variable, or {@code null}
     */
    public String get(String name) {
        for (int i = properties.size() - 1; i >= 0; i--) {
            Property property = properties.get(i);
            if (property.name().equals(name)) {
                return property.value();
            }
        }
        return null;
    }

    /** @return variable name to value, the last value winning for repeated names, in first-seen order */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Property property : properties) {
            map.put(property.name(), property.value());
        }
        return map;
    }

    /**
     * @param newer a later change
     * @return the variables of both in first-seen order, a newer value replacing an older one; for merging events
     *         that could not be sent or read one by one
     */
    public PropertySet mergedWith(PropertySet newer) {
        Map<String, String> merged = toMap();
        merged.putAll(newer.toMap());
        return of(merged);
    }

    /** @return the number of variables */
    public int size() {
        return properties.size();
    }

    /** @return whether there are no variables */
    public boolean isEmpty() {
        return properties.isEmpty();
    }

    /** @return how many malformed properties the reader skipped (0 for sets built in code) */
    public int skipped() {
        return skipped;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PropertySet && ((PropertySet) other).properties.equals(properties)
                && ((PropertySet) other).skipped == skipped;
    }

    @Override
    public int hashCode() {
        return Objects.hash(properties, skipped);
    }

    @Override
    public String toString() {
        return "PropertySet" + toMap() + (skipped > 0 ? " (" + skipped + " skipped)" : "");
    }
}
