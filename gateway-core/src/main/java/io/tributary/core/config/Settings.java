package io.tributary.core.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The immutable values of one {@link Section}: {@code get} reads a setting, {@code with} returns a changed copy
 * after checking the value against the setting's type and range. Rules across settings are checked by
 * {@link #problems()}, which components call through {@link #validate()} when they are given settings.
 */
public final class Settings {

    private final Section section;
    private final Object[] values;

    Settings(Section section, Object[] values) {
        this.section = section;
        this.values = values;
    }

    /** @return the section these values belong to */
    public Section section() {
        return section;
    }

    /**
     * @param setting a setting of this section
     * @param <T> its type
     * @return its value; {@code null} only for an unset optional setting
     * @throws IllegalStateException for a required setting that was never given
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        own(setting);
        Object value = setting.index() < values.length ? values[setting.index()] : setting.defaultValue();
        if (value == null && setting.presence() == Setting.Presence.REQUIRED) {
            throw new IllegalStateException(setting + " is required but not set");
        }
        return (T) value;
    }

    /** The value as stored, {@code null} for an unset optional or required setting; for the binder. */
    Object raw(Setting<?> setting) {
        own(setting);
        return setting.index() < values.length ? values[setting.index()] : setting.defaultValue();
    }

    /**
     * @param setting an optional setting of this section
     * @param <T> its type
     * @return its value, or empty when unset
     */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(Setting<T> setting) {
        own(setting);
        return Optional.ofNullable((T) (setting.index() < values.length ? values[setting.index()]
                : setting.defaultValue()));
    }

    /**
     * @param setting a nested section of this section
     * @param key a setting of the nested section
     * @param <T> its type
     * @return the nested setting's value
     */
    public <T> T get(Setting<Settings> setting, Setting<T> key) {
        return get(setting).get(key);
    }

    /**
     * @param setting a setting of this section
     * @param value its new value; {@code null} only for an optional setting
     * @param <T> its type
     * @return a new settings reference with the value changed
     * @throws IllegalArgumentException naming the setting, if the value is outside its type's range
     */
    public <T> Settings with(Setting<T> setting, T value) {
        own(setting);
        if (value == null) {
            if (setting.presence() != Setting.Presence.OPTIONAL) {
                throw new IllegalArgumentException(setting + " must not be null");
            }
        } else {
            T typed = setting.type().cast(value);
            String problem = setting.type().check(typed);
            if (problem != null) {
                throw new IllegalArgumentException(setting + " " + problem);
            }
        }
        Object[] copy = Arrays.copyOf(values, Math.max(values.length, section.settings().size()));
        copy[setting.index()] = value;
        return new Settings(section, copy);
    }

    /**
     * @param setting a nested section of this section
     * @param key a setting of the nested section
     * @param value the nested setting's new value
     * @param <T> its type
     * @return a new settings reference with the nested value changed
     */
    public <T> Settings with(Setting<Settings> setting, Setting<T> key, T value) {
        return with(setting, get(setting).with(key, value));
    }

    /**
     * Checks what {@code with} cannot: required settings given, and the section's rules across settings, here
     * and in nested sections and lists of sections.
     *
     * @return each problem with its key relative to this section; empty when none
     */
    public List<ConfigProblem> problems() {
        List<ConfigProblem> problems = new ArrayList<>();
        collect("", problems);
        return problems;
    }

    /**
     * @return this, when {@link #problems()} finds none
     * @throws IllegalArgumentException listing every problem
     */
    public Settings validate() {
        List<ConfigProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream().map(ConfigProblem::toString)
                    .collect(Collectors.joining("; ")));
        }
        return this;
    }

    private void collect(String prefix, List<ConfigProblem> problems) {
        boolean complete = true;
        for (Setting<?> setting : section.settings()) {
            Object value = setting.index() < values.length ? values[setting.index()] : setting.defaultValue();
            String key = setting.isInline() ? prefix : prefix + setting.key();
            if (value == null) {
                if (setting.presence() == Setting.Presence.REQUIRED) {
                    problems.add(new ConfigProblem(null, key, "required"));
                    complete = false;
                }
            } else if (value instanceof Settings nested) {
                nested.collect(setting.isInline() ? prefix : key + ".", problems);
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Settings item) {
                        item.collect(key + "[" + i + "].", problems);
                    }
                }
            }
        }
        if (!complete) {
            return; // rules read the required settings
        }
        for (Section.Rule rule : section.rules()) {
            String problem = rule.check().apply(this);
            if (problem != null) {
                String key = prefix + rule.blamed().key();
                int cut = problem.indexOf(": ");
                if (problem.startsWith("[") && cut > 0 && !problem.substring(0, cut).contains(" ")) {
                    key += problem.substring(0, cut); // the rule named an element, e.g. "[1].name: ..."
                    problem = problem.substring(cut + 2);
                }
                problems.add(new ConfigProblem(null, key, problem));
            }
        }
    }

    private void own(Setting<?> setting) {
        if (setting.section() != section) {
            throw new IllegalArgumentException(setting + " is not a setting of section '" + section.name() + "'");
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Settings that) || that.section != section) {
            return false;
        }
        for (Setting<?> setting : section.settings()) {
            Object mine = setting.index() < values.length ? values[setting.index()] : setting.defaultValue();
            Object theirs = setting.index() < that.values.length ? that.values[setting.index()]
                    : setting.defaultValue();
            if (mine == null ? theirs != null : !mine.equals(theirs)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = section.hashCode();
        for (Setting<?> setting : section.settings()) {
            Object value = setting.index() < values.length ? values[setting.index()] : setting.defaultValue();
            hash = 31 * hash + (value == null ? 0 : value.hashCode());
        }
        return hash;
    }

    /** @return the values by key; secrets are masked */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", section.name() + "{", "}");
        for (Setting<?> setting : section.settings()) {
            Object value = setting.index() < values.length ? values[setting.index()] : setting.defaultValue();
            boolean secret = setting.type() instanceof ScalarType<?> scalar && scalar.isSecret();
            text.add(setting.key() + "=" + (secret && value != null && !"".equals(value) ? "****" : value));
        }
        return text.toString();
    }
}
