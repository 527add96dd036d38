package io.tributary.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Applies {@code TRIBUTARY_*} environment variables to a configuration tree. The name of a key is
 * {@code TRIBUTARY_} followed by its path with each segment upper-cased, {@code -} turned into {@code _} and
 * segments joined by {@code _}; list items are addressed by index. So {@code http.port} is
 * {@code TRIBUTARY_HTTP_PORT} and {@code router.queue-capacity} is {@code TRIBUTARY_ROUTER_QUEUE_CAPACITY}.
 * A value for a list or section is parsed as YAML flow, e.g. {@code [a, b]}. A variable that names no key is an
 * error, so a typo cannot pass silently.
 */
final class EnvOverrides {

    static final String PREFIX = "TRIBUTARY_";

    private final ObjectMapper yaml;

    EnvOverrides(ObjectMapper yaml) {
        this.yaml = yaml;
    }

    /** Applies the variables in name order and returns the keys they set, as {@code VAR -> path}. */
    Map<String, String> apply(ObjectNode tree, Map<String, String> environment) throws ConfigException {
        Map<String, String> applied = new TreeMap<>();
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            List<Object> path = resolve(tree, name.substring(PREFIX.length()));
            if (path == null) {
                throw new ConfigException("environment variable " + name + " names no configuration key"
                        + " (rule: TRIBUTARY_ + key path, upper-case, '.' and '-' as '_', e.g. TRIBUTARY_HTTP_PORT)");
            }
            set(tree, path, variable.getValue(), name);
            applied.put(name, describe(path));
        }
        return applied;
    }

    private static List<Object> resolve(JsonNode node, String rest) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String field = property.getKey();
                String token = field.toUpperCase(Locale.ROOT).replace('-', '_');
                List<Object> found = descend(node.get(field), field, token, rest);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> found = descend(node.get(i), i, String.valueOf(i), rest);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<Object> descend(JsonNode child, Object step, String token, String rest) {
        if (rest.equals(token)) {
            List<Object> path = new ArrayList<>();
            path.add(step);
            return path;
        }
        if (rest.startsWith(token + "_") && child != null && child.isContainerNode()) {
            List<Object> tail = resolve(child, rest.substring(token.length() + 1));
            if (tail != null) {
                tail.add(0, step);
                return tail;
            }
        }
        return null;
    }

    private void set(ObjectNode tree, List<Object> path, String value, String variable) throws ConfigException {
        JsonNode parent = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof Integer ? parent.get((Integer) step) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        JsonNode current = last instanceof Integer ? parent.get((Integer) last) : parent.get((String) last);
        JsonNode replacement = TextNode.valueOf(value);
        if (current != null && current.isContainerNode()) {
            try {
                replacement = yaml.readTree(value);
            } catch (Exception e) {
                throw new ConfigException(variable + ": '" + value + "' is not a YAML " + (current.isArray()
                        ? "list" : "section") + ": " + e.getMessage());
            }
        }
        if (last instanceof Integer) {
            ((ArrayNode) parent).set((Integer) last, replacement);
        } else {
            ((ObjectNode) parent).set((String) last, replacement);
        }
    }

    static String describe(List<?> path) {
        StringBuilder key = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer) {
                key.append('[').append(step).append(']');
            } else {
                if (key.length() > 0) {
                    key.append('.');
                }
                key.append(step);
            }
        }
        return key.toString();
    }
}
