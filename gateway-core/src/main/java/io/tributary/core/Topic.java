package io.tributary.core;

import java.util.Arrays;
import java.util.List;

/**
 * A concrete message address: {@code /}-separated, non-empty segments such as {@code coap/sensors/kitchen/temp};
 * wildcards are not allowed here (see {@link TopicFilter}).
 */
public final class Topic {

    /** Longest topic accepted, in characters. */
    public static final int MAX_LENGTH = 1024;

    private final String value;
    private final String[] segments;

    private Topic(String value, String[] segments) {
        this.value = value;
        this.segments = segments;
    }

    /**
     * Parses a topic.
     *
     * @param value segments separated by {@code /}; none empty, none containing {@code +} or {@code #}
     * @return the topic
     * @throws IllegalArgumentException naming the offending segment when the value is not a valid topic
     */
    public static Topic of(String value) {
        String[] segments = TopicSyntax.split(value, "topic");
        for (String segment : segments) {
            if (segment.indexOf('+') >= 0 || segment.indexOf('#') >= 0) {
                throw new IllegalArgumentException("topic '" + value + "': wildcard in segment '" + segment
                        + "' (wildcards belong in a TopicFilter)");
            }
        }
        return new Topic(value, segments);
    }

    /**
     * Builds a topic from segments, each of which must be a valid single segment.
     *
     * @param first the first segment
     * @param more further segments
     * @return the topic
     */
    public static Topic of(String first, String... more) {
        if (more.length == 0) {
            return of(first);
        }
        StringBuilder joined = new StringBuilder(first);
        for (String segment : more) {
            if (segment.indexOf('/') >= 0) {
                throw new IllegalArgumentException("topic segment '" + segment + "' contains '/'");
            }
            joined.append('/').append(segment);
        }
        return of(joined.toString());
    }

    /**
     * Returns a topic with further segments appended.
     *
     * @param suffix one or more {@code /}-separated segments
     * @return the longer topic
     */
    public Topic resolve(String suffix) {
        return of(value + '/' + suffix);
    }

    /** @return the number of segments, at least 1 */
    public int size() {
        return segments.length;
    }

    /**
     * @param index zero-based segment index
     * @return the segment at that index
     */
    public String segment(int index) {
        return segments[index];
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
        return other instanceof Topic && ((Topic) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return the topic as written, e.g. {@code coap/sensors/kitchen/temp} */
    @Override
    public String toString() {
        return value;
    }

    /** Shared parsing rules of topics and filters. */
    static final class TopicSyntax {
        private TopicSyntax() {
        }

        static String[] split(String value, String what) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            if (value.length() > MAX_LENGTH) {
                throw new IllegalArgumentException(what + " longer than " + MAX_LENGTH + " characters");
            }
            String[] segments = value.split("/", -1);
            for (String segment : segments) {
                if (segment.isEmpty()) {
                    throw new IllegalArgumentException(what + " '" + value + "' has an empty segment");
                }
            }
            return Arrays.copyOf(segments, segments.length);
        }
    }
}
