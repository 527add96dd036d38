package io.tributary.core;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A trie of filter segments mapping filters to values; lookups are lock-free and cost one hash lookup per topic
 * segment and wildcard branch, whatever the number of filters. Mutations are serialised by a lock and publish
 * copy-on-write value arrays, so a concurrent lookup sees each node either before or after a change.
 *
 * @param <V> the value type
 */
final class TopicTrie<V> {

    private static final Object[] NONE = new Object[0];

    private final Node root = new Node(null, null);
    private int size;

    /** Adds a value under a filter; the same value may be added under several filters. */
    synchronized void add(TopicFilter filter, V value) {
        Node node = root;
        for (String segment : filter.segmentArray()) {
            node = node.child(segment, true);
        }
        Object[] old = node.values;
        Object[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = value;
        node.values = grown;
        size++;
    }

    /** Removes one value from a filter and prunes nodes left empty; returns whether it was present. */
    synchronized boolean remove(TopicFilter filter, V value) {
        Node node = root;
        for (String segment : filter.segmentArray()) {
            node = node.child(segment, false);
            if (node == null) {
                return false;
            }
        }
        Object[] old = node.values;
        int index = -1;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == value) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            return false;
        }
        Object[] shrunk = old.length == 1 ? NONE : new Object[old.length - 1];
        System.arraycopy(old, 0, shrunk, 0, index);
        System.arraycopy(old, index + 1, shrunk, index, old.length - index - 1);
        node.values = shrunk;
        size--;
        while (node.parent != null && node.isEmpty()) {
            node.parent.detach(node);
            node = node.parent;
        }
        return true;
    }

    /** @return the number of (filter, value) entries */
    synchronized int size() {
        return size;
    }

    /** Calls the visitor once per value whose filter matches the topic. */
    @SuppressWarnings("unchecked")
    void forEachMatch(Topic topic, Consumer<? super V> visitor) {
        String[] segments = topic.segmentArray();
        visit(root, segments, 0, (Consumer<Object>) visitor);
    }

    private static void visit(Node node, String[] segments, int depth, Consumer<Object> visitor) {
        Node rest = node.rest;
        if (rest != null) {
            emit(rest.values, visitor);
        }
        if (depth == segments.length) {
            emit(node.values, visitor);
            return;
        }
        ConcurrentHashMap<String, Node> children = node.children;
        if (children != null) {
            Node exact = children.get(segments[depth]);
            if (exact != null) {
                visit(exact, segments, depth + 1, visitor);
            }
        }
        Node one = node.one;
        if (one != null) {
            visit(one, segments, depth + 1, visitor);
        }
    }

    private static void emit(Object[] values, Consumer<Object> visitor) {
        for (Object value : values) {
            visitor.accept(value);
        }
    }

    /**
     * Finds the most specific value for a topic: at each level an exact segment beats {@code +}, which beats
     * {@code #}; among values of one filter the earliest added wins.
     */
    @SuppressWarnings("unchecked")
    V first(Topic topic) {
        return (V) first(root, topic.segmentArray(), 0);
    }

    private static Object first(Node node, String[] segments, int depth) {
        if (depth == segments.length) {
            Object found = firstOf(node.values);
            return found != null ? found : node.rest == null ? null : firstOf(node.rest.values);
        }
        ConcurrentHashMap<String, Node> children = node.children;
        Node exact = children == null ? null : children.get(segments[depth]);
        if (exact != null) {
            Object found = first(exact, segments, depth + 1);
            if (found != null) {
                return found;
            }
        }
        Node one = node.one;
        if (one != null) {
            Object found = first(one, segments, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return node.rest == null ? null : firstOf(node.rest.values);
    }

    private static Object firstOf(Object[] values) {
        return values.length == 0 ? null : values[0];
    }

    private static final class Node {
        final Node parent;
        final String segment;
        volatile ConcurrentHashMap<String, Node> children;
        volatile Node one;
        volatile Node rest;
        volatile Object[] values = NONE;

        Node(Node parent, String segment) {
            this.parent = parent;
            this.segment = segment;
        }

        Node child(String name, boolean create) {
            if (name.equals(TopicFilter.ONE)) {
                if (one == null && create) {
                    one = new Node(this, name);
                }
                return one;
            }
            if (name.equals(TopicFilter.REST)) {
                if (rest == null && create) {
                    rest = new Node(this, name);
                }
                return rest;
            }
            if (children == null) {
                if (!create) {
                    return null;
                }
                children = new ConcurrentHashMap<>();
            }
            Node child = children.get(name);
            if (child == null && create) {
                child = new Node(this, name);
                children.put(name, child);
            }
            return child;
        }

        void detach(Node child) {
            if (child == one) {
                one = null;
            } else if (child == rest) {
                rest = null;
            } else if (children != null) {
                children.remove(child.segment, child);
            }
        }

        boolean isEmpty() {
            return values.length == 0 && one == null && rest == null && (children == null || children.isEmpty());
        }
    }
}
