package io.tributary.upnp.event;

import java.util.Objects;

/**
 * One evented state variable and its value, as carried in an {@code e:property} element of a GENA property set
 * (UDA 2.0 §4.3.2).
 *
 * @param name the state variable's name, an XML name without a namespace prefix, e.g. {@code Volume}
 * @param value the value as text, never {@code null} (an empty variable element has the empty string)
 */
public record Property(String name, String value) {

    /**
     * Checks both parts.
     *
     * @param name the variable name, a valid XML NCName
     * @param value the value, never {@code null}
     */
    public Property {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!XmlNames.isNcName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid state variable name (XML NCName)");
        }
    }
}
