package io.tributary.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map from text keys to values of one type, in the order written; in YAML a mapping with free keys.
 *
 * @param value the type of each value
 * @param <V> the value's Java type
 */
public record MapType<V>(ValueType<V> value) implements ValueType<Map<String, V>> {

    @Override
    public String describe() {
        return "mapping of names to " + value.describe();
    }

    @Override
    public String check(Map<String, V> map) {
        for (Map.Entry<String, V> entry : map.entrySet()) {
            String problem = value.check(entry.getValue());
            if (problem != null) {
                return entry.getKey() + ": " + problem;
            }
        }
        return null;
    }

    @Override
    public Map<String, V> cast(Object object) {
        if (!(object instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected a mapping, was " + object);
        }
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), value.cast(v)));
        return Collections.unmodifiableMap(copy);
    }
}
