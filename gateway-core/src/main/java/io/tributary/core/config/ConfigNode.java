package io.tributary.core.config;

import java.util.List;

/**
 * A configuration document as the {@link SettingsBinder} reads it: a tree of scalars, lists and mappings, each
 * node knowing where it was written, so that every problem names its file and line. Made from YAML by the
 * application (any YAML library fits); this module parses nothing itself.
 *
 * @param kind what the node is
 * @param text a scalar's text; {@code null} for other kinds
 * @param items a list's items; empty for other kinds
 * @param entries a mapping's entries in written order, duplicates kept; empty for other kinds
 * @param source where the node comes from, e.g. a file name or {@code environment variable TRIBUTARY_HTTP_PORT}
 * @param line the 1-based line in the source, or 0 when the source has no lines
 */
public record ConfigNode(Kind kind, String text, List<ConfigNode> items, List<Entry> entries, String source,
                         int line) {

    /** The kinds of node. */
    public enum Kind {
        /** An empty value ({@code ~}, {@code null} or nothing). */
        NULL,
        /** One piece of text. */
        SCALAR,
        /** A sequence. */
        LIST,
        /** A mapping of keys to values. */
        MAP
    }

    /**
     * One key and its value in a mapping.
     *
     * @param key the key's text
     * @param value the value
     * @param line the key's line
     */
    public record Entry(String key, ConfigNode value, int line) {
    }

    /** Normalises the collections. */
    public ConfigNode {
        items = items == null ? List.of() : List.copyOf(items);
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * @param text the text
     * @param source where it comes from
     * @param line its line, or 0
     * @return a scalar node
     */
    public static ConfigNode scalar(String text, String source, int line) {
        return new ConfigNode(Kind.SCALAR, text, null, null, source, line);
    }

    /**
     * @param source where it comes from
     * @param line its line, or 0
     * @return an empty node
     */
    public static ConfigNode empty(String source, int line) {
        return new ConfigNode(Kind.NULL, null, null, null, source, line);
    }

    /**
     * @param items the items
     * @param source where it comes from
     * @param line its line, or 0
     * @return a list node
     */
    public static ConfigNode list(List<ConfigNode> items, String source, int line) {
        return new ConfigNode(Kind.LIST, null, items, null, source, line);
    }

    /**
     * @param entries the entries in written order
     * @param source where it comes from
     * @param line its line, or 0
     * @return a mapping node
     */
    public static ConfigNode map(List<Entry> entries, String source, int line) {
        return new ConfigNode(Kind.MAP, null, null, entries, source, line);
    }

    /** @return the source and line, e.g. {@code gw.yaml line 4} */
    public String where() {
        return where(line);
    }

    String where(int at) {
        return at > 0 ? source + " line " + at : source;
    }
}
