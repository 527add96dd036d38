package io.tributary.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A value read from one piece of text (a YAML scalar or an environment variable), with optional constraints and
 * a unit; immutable, every refinement returns a new type. Made by {@link ValueTypes}.
 *
 * @param <T> the Java type of the value
 */
public final class ScalarType<T> implements ValueType<T> {

    private final String name;
    private final Class<T> javaType;
    private final Function<String, T> parser;
    private final Function<T, String> formatter;
    private final List<Constraint<T>> constraints;
    private final String unit;
    private final boolean secret;

    ScalarType(String name, Class<T> javaType, Function<String, T> parser, Function<T, String> formatter) {
        this(name, javaType, parser, formatter, List.of(), null, false);
    }

    private ScalarType(String name, Class<T> javaType, Function<String, T> parser, Function<T, String> formatter,
                       List<Constraint<T>> constraints, String unit, boolean secret) {
        this.name = name;
        this.javaType = javaType;
        this.parser = parser;
        this.formatter = formatter;
        this.constraints = constraints;
        this.unit = unit;
        this.secret = secret;
    }

    /**
     * @param allowed what an acceptable value satisfies
     * @param rule the rule in words, for messages and docs, e.g. {@code at least 1}
     * @return a new type with the constraint added
     */
    public ScalarType<T> require(Predicate<? super T> allowed, String rule) {
        List<Constraint<T>> more = new ArrayList<>(constraints);
        more.add(new Constraint<>(allowed, rule));
        return new ScalarType<>(name, javaType, parser, formatter, List.copyOf(more), unit, secret);
    }

    /**
     * @param minimum the smallest acceptable value
     * @return a new type that refuses smaller values
     */
    @SuppressWarnings("unchecked")
    public ScalarType<T> atLeast(T minimum) {
        return require(v -> ((Comparable<T>) v).compareTo(minimum) >= 0, "at least " + format(minimum));
    }

    /**
     * @param maximum the largest acceptable value
     * @return a new type that refuses larger values
     */
    @SuppressWarnings("unchecked")
    public ScalarType<T> atMost(T maximum) {
        return require(v -> ((Comparable<T>) v).compareTo(maximum) <= 0, "at most " + format(maximum));
    }

    /**
     * @param minimum the smallest acceptable value
     * @param maximum the largest acceptable value
     * @return a new type that refuses values outside {@code [minimum, maximum]}
     */
    public ScalarType<T> range(T minimum, T maximum) {
        return atLeast(minimum).atMost(maximum);
    }

    /**
     * @param text the unit of the value in docs, e.g. {@code messages}, {@code bytes}
     * @return a new type with that unit
     */
    public ScalarType<T> unit(String text) {
        return new ScalarType<>(name, javaType, parser, formatter, constraints, text, secret);
    }

    /** @return a new type whose values are masked wherever settings are printed (passwords, tokens) */
    public ScalarType<T> secret() {
        return new ScalarType<>(name, javaType, parser, formatter, constraints, unit, true);
    }

    /** @return whether values are masked when printed */
    public boolean isSecret() {
        return secret;
    }

    /** @return the unit in docs, or {@code null} */
    public String unit() {
        return unit;
    }

    /** @return the type's name without constraints, e.g. {@code whole number} */
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder(name);
        for (Constraint<T> constraint : constraints) {
            text.append(", ").append(constraint.rule());
        }
        return text.toString();
    }

    /**
     * Reads a value from text.
     *
     * @param text the text, trimmed by the caller
     * @return the value
     * @throws IllegalArgumentException with what is wrong, if the text is not a value of this type
     */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? "not a " + name : e.getMessage(), e);
        }
        return Objects.requireNonNull(value, name);
    }

    /**
     * @param value a value of this type
     * @return its text, such that {@link #parse(String)} gives it back
     */
    public String format(T value) {
        return formatter.apply(value);
    }

    @Override
    public String check(T value) {
        for (Constraint<T> constraint : constraints) {
            if (!constraint.allowed().test(value)) {
                return "must be " + constraint.rule() + ", was " + format(value);
            }
        }
        return null;
    }

    @Override
    public T cast(Object value) {
        if (!javaType.isInstance(value)) {
            throw new IllegalArgumentException("expected a " + name + " (" + javaType.getSimpleName() + "), was "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return javaType.cast(value);
    }

    private record Constraint<T>(Predicate<? super T> allowed, String rule) {
    }
}
