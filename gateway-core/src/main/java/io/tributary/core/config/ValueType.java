package io.tributary.core.config;

/**
 * The type of a {@link Setting}'s value: a scalar read from one piece of text, a list, a map with text keys, or a
 * nested {@link Section}. A type also carries the value's constraints (ranges), so every reader of a setting,
 * whether the YAML binder, the environment or a {@code with} call in code, applies the same checks.
 *
 * @param <T> the Java type of the value
 */
public sealed interface ValueType<T> permits ScalarType, ListType, MapType, SectionType {

    /** @return what a value of this type is, for messages and docs, e.g. {@code whole number, at least 1} */
    String describe();

    /**
     * Checks a value against the type's constraints.
     *
     * @param value a value of this type, never {@code null}
     * @return what is wrong with it, or {@code null} when it is acceptable
     */
    String check(T value);

    /**
     * Casts a value to this type, refusing values of another Java type.
     *
     * @param value any object
     * @return the value as a {@code T}
     * @throws IllegalArgumentException if it is not a value of this type
     */
    T cast(Object value);
}
