package io.tributary.upnp.publisher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.tributary.upnp.event.XmlNames;

/**
 * The definition of one evented service: its event subscription path (e.g. {@code /upnp/event/topics}), the
 * source of its state, and moderation per variable. Immutable; every method returns a changed copy.
 */
public final class EventedService {

    private final String path;
    private final EventSource source;
    private final Map<String, Moderation> moderation;

    private EventedService(String path, EventSource source, Map<String, Moderation> moderation) {
        this.path = path;
        this.source = source;
        this.moderation = Map.copyOf(moderation);
    }

    /**
     * @param path the event subscription URL path, starting with {@code /}, without query
     * @param source where state and changes come from
     * @return a service without moderation
     */
    public static EventedService create(String path, EventSource source) {
        return new EventedService(checkPath(path), Objects.requireNonNull(source, "source"), Map.of());
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
        return new EventedService(path, source, more);
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
}
