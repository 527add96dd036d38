package io.tributary.core;

import java.util.List;

/**
 * A pattern over topics with MQTT-style wildcards: {@code +} matches exactly one segment, {@code #} (only as the
 * last segment) matches the rest, including nothing, so {@code a/#} matches {@code a}, {@code a/b} and {@code a/b/c}.
 */
public final class TopicFilter {

    /** The single-segment wildcard. */
    public static final String ONE = "+";
    /** The multi-segment wildcard, allowed only as the last segment. */
    public static final String REST = "#";

    private final String value;
    private final String[] segments;
    private final boolean wildcard;

    private TopicFilter(String value, String[] segments, boolean wildcard) {
        this.value = value;
        this.segments = segments;
        this.wildcard = wildcard;
    }

    /**
     * Parses a filter.
     *
     * @param value segments separated by {@code /}; a segment is a name, {@code +}, or (last only) {@code #}
     * @return the filter
     * @throws IllegalArgumentException naming the offending segment when the value is not a valid filter
     */
    public static TopicFilter of(String value) {
        String[] segments = Topic.TopicSyntax.split(value, "topic filter");
        boolean wildcard = false;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean one = segment.equals(ONE);
            boolean rest = segment.equals(REST);
            if (!one && !rest && (segment.indexOf('+') >= 0 || segment.indexOf('#') >= 0)) {
                throw new IllegalArgumentException("topic filter '" + value + "': segment '" + segment
                        + "' mixes a wildcard with other characters");
            }
            if (rest && i != segments.length - 1) {
                throw new IllegalArgumentException("topic filter '" + value + "': '#' must be the last segment");
            }
            wildcard |= one || rest;
        }
        return new TopicFilter(value, segments, wildcard);
    }

    /**
     * Returns the filter that matches exactly one topic.
     *
     * @param topic the topic
     * @return a filter without wildcards
     */
    public static TopicFilter exactly(Topic topic) {
        return new TopicFilter(topic.toString(), topic.segmentArray(), false);
    }

    /**
     * Tests one topic against this filter directly; the router uses a trie instead when many filters are involved.
     *
     * @param topic the topic to test
     * @return whether the topic matches
     */
    public boolean matches(Topic topic) {
        String[] names = topic.segmentArray();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(REST)) {
                return true;
            }
            if (i >= names.length) {
                return false;
            }
            if (!segment.equals(ONE) && !segment.equals(names[i])) {
                return false;
            }
        }
        return segments.length == names.length;
    }

    /** @return whether the filter contains {@code +} or {@code #} */
    public boolean hasWildcards() {
        return wildcard;
    }

    /** @return the topic this filter matches exactly, if it has no wildcards */
    public Topic asTopic() {
        if (wildcard) {
            throw new IllegalStateException("filter '" + value + "' has wildcards");
        }
        return Topic.of(value);
    }

    /** @return the segments as an unmodifiable list */
    public List<String> segments() {
        return List.of(segments);
    }

    String[] segmentArray() {
        return segments;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicFilter && ((TopicFilter) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return the filter as written, e.g. {@code coap/+/temp} */
    @Override
    public String toString() {
        return value;
    }
}
