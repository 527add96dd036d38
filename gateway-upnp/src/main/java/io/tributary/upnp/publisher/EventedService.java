package io.tributary.upnp.publisher;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.tributary.upnp.event.XmlNames;

/**
 * The definition of one evented service: its event subscription path (e.g. {@code /upnp/event/topics}), the
 * source of its state, moderation per variable, and the variables also evented by multicast. Immutable; every
 * method returns a changed copy.
 */
public final class EventedService {

    private final String path;
    private final EventSource source;
    private final Map<String, Moderation> moderation;
    private final Set<String> multicast;

    private EventedService(String path, EventSource source, Map<String, Moderation> moderation,
                           Set<String> multicast) {
        this.path = path;
        this.source = source;
        this.moderation = Map.copyOf(moderation);
        this.multicast = Set.copyOf(multicast);
    }

    /**
     * @param path the event subscription URL path, starting with {@code /}, without query
     * @param source where state and changes come from
     * @return a service without moderation
     */
    public static EventedService create(String path, EventSource source) {
        return new EventedService(checkPath(path), Objects.requireNonNull(source, "source"), Map.of(), Set.of());
    }

    /**
     * Checks the form of an event subscription path.
     *
     * @param path the path
     * @return the path
     * @throws IllegalArgumentException if it does not start with {@code /} or has a query, fragment or trailing
     *                                  {@code /}
     */
    public static String checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.contains("?") || path.contains("#") || path.length() > 1 && path.endsWith("/")) {
            throw new IllegalArgumentException("event path '" + path + "' must start with '/' and have no query, "
                    + "fragment or trailing '/'");
        }
        return path;
    }

    /**
     * @param variable a variable name
     * @param rule its moderation; default none
     * @return a new service reference
     */
    public EventedService moderate(String variable, Moderation rule) {
        if (!XmlNames.isNcName(variable)) {
            throw new IllegalArgumentException("'" + variable + "' is not a valid variable name");
        }
        Map<String, Moderation> more = new LinkedHashMap<>(moderation);
        more.put(variable, Objects.requireNonNull(rule, "rule"));
        return new EventedService(path, source, more, multicast);
    }

    /**
     * Marks a variable to be evented by multicast as well (UDA 2.0 §4.3.3), after moderation; the publisher hands
     * such changes to its {@link MulticastSink}.
     *
     * @param variable a variable name; default none is multicast
     * @return a new service reference
     */
    public EventedService multicast(String variable) {
        if (!XmlNames.isNcName(variable)) {
            throw new IllegalArgumentException("'" + variable + "' is not a valid variable name");
        }
        Set<String> more = new LinkedHashSet<>(multicast);
        more.add(variable);
        return new EventedService(path, source, moderation, more);
    }

    /** @return the event subscription path */
    public String path() {
        return path;
    }

    /** @return the state source */
    public EventSource source() {
        return source;
    }

    /** @return moderation by variable name */
    public Map<String, Moderation> moderation() {
        return moderation;
    }

    /** @return the variables also evented by multicast */
    public Set<String> multicastVariables() {
        return multicast;
    }
}
