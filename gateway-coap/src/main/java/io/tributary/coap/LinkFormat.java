package io.tributary.coap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CoRE link format of {@code /.well-known/core} (RFC 6690): one link per literal route path, with the
 * attributes its routes declare ({@code rt}, {@code if}, {@code ct}, {@code sz}, {@code obs}, {@code title}),
 * filtered by a query on any attribute or {@code href}, a trailing {@code *} matching a prefix (§4.1).
 */
final class LinkFormat {

    /** One resource as listed: the union of what the routes of its path declare. */
    private static final class Link {
        final String path;
        final Set<String> resourceTypes = new LinkedHashSet<>();
        final Set<String> interfaces = new LinkedHashSet<>();
        final Set<Integer> formats = new LinkedHashSet<>();
        int size = -1;
        boolean observable;
        String title;

        Link(String path) {
            this.path = path;
        }

        void add(CoapRoute route) {
            resourceTypes.addAll(route.resourceTypes());
            interfaces.addAll(route.interfaces());
            Arrays.stream(route.producedFormats()).forEach(formats::add);
            size = route.size() >= 0 ? route.size() : size;
            observable |= route.isObservable();
            title = route.title() != null ? route.title() : title;
        }

        /** @return the values of an attribute as a query matches them, {@code null} when the link has none */
        List<String> values(String name) {
            switch (name) {
                case "href":
                    return List.of(path);
                case "rt":
                    return resourceTypes.isEmpty() ? null : List.copyOf(resourceTypes);
                case "if":
                    return interfaces.isEmpty() ? null : List.copyOf(interfaces);
                case "ct":
                    return formats.isEmpty() ? null : formats.stream().map(String::valueOf).toList();
                case "sz":
                    return size < 0 ? null : List.of(String.valueOf(size));
                case "obs":
                    return observable ? List.of("") : null;
                case "title":
                    return title == null ? null : List.of(title);
                default:
                    return null;
            }
        }

        String render() {
            StringBuilder text = new StringBuilder("<").append(path).append('>');
            if (!resourceTypes.isEmpty()) {
                text.append(";rt=\"").append(String.join(" ", resourceTypes)).append('"');
            }
            if (!interfaces.isEmpty()) {
                text.append(";if=\"").append(String.join(" ", interfaces)).append('"');
            }
            if (formats.size() == 1) {
                text.append(";ct=").append(formats.iterator().next());
            } else if (!formats.isEmpty()) {
                text.append(";ct=\"").append(formats.stream().map(String::valueOf).collect(Collectors.joining(" ")))
                        .append('"');
            }
            if (size >= 0) {
                text.append(";sz=").append(size);
            }
            if (observable) {
                text.append(";obs");
            }
            if (title != null) {
                text.append(";title=\"").append(title).append('"');
            }
            return text.toString();
        }
    }

    private final List<Link> links;

    /** @param routes the routes to list; those whose pattern is not a literal path are left out */
    LinkFormat(List<CoapRoute> routes) {
        Map<String, Link> byPath = new LinkedHashMap<>();
        for (CoapRoute route : routes) {
            if (route.literal()) {
                byPath.computeIfAbsent(route.path(), Link::new).add(route);
            }
        }
        this.links = new ArrayList<>(byPath.values());
    }

    /**
     * @param query the request's Uri-Query items, each {@code name=value} a filter every listed link passes
     * @return the matching links, comma-separated
     */
    String render(List<String> query) {
        return links.stream().filter(link -> query.stream().allMatch(item -> matches(link, item)))
                .map(Link::render).collect(Collectors.joining(","));
    }

    private static boolean matches(Link link, String item) {
        int equals = item.indexOf('=');
        String name = equals < 0 ? item : item.substring(0, equals);
        String wanted = equals < 0 ? "" : item.substring(equals + 1);
        List<String> values = link.values(name);
        if (values == null) {
            return false;
        }
        if (equals < 0) {
            return true;
        }
        boolean prefix = wanted.endsWith("*");
        String stem = prefix ? wanted.substring(0, wanted.length() - 1) : wanted;
        return values.stream().anyMatch(value -> prefix ? value.startsWith(stem) : value.equals(stem));
    }
}
