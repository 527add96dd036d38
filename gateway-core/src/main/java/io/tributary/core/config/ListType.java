package io.tributary.core.config;

import java.util.List;

/**
 * A list whose elements all have one type; in YAML a sequence, in the environment a YAML flow sequence
 * ({@code [a, b]}).
 *
 * @param element the type of each element
 * @param <E> the element's Java type
 */
public record ListType<E>(ValueType<E> element) implements ValueType<List<E>> {

    @Override
    public String describe() {
        return "list of " + element.describe();
    }

    @Override
    public String check(List<E> value) {
        for (int i = 0; i < value.size(); i++) {
            String problem = element.check(value.get(i));
            if (problem != null) {
                return "[" + i + "] " + problem;
            }
        }
        return null;
    }

    @Override
    public List<E> cast(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list, was " + value);
        }
        return list.stream().map(element::cast).toList();
    }
}
