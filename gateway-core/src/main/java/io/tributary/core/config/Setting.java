package io.tributary.core.config;

/**
 * One typed setting of a {@link Section}: its key, value type (with range and unit), default and a one-line
 * description naming the specification section it implements. Made by the section's definers, once per module,
 * in the Californium style; read with {@link Settings#get(Setting)}.
 *
 * @param <T> the Java type of the value
 */
public final class Setting<T> {

    /** Whether a setting has a default, may be left unset, or must be given. */
    public enum Presence {
        /** Has a default value. */
        DEFAULTED,
        /** Unset ({@code null}) unless given. */
        OPTIONAL,
        /** Must be given (entries of a list of sections). */
        REQUIRED
    }

    private final Section section;
    private final int index;
    private final String key;
    private final ValueType<T> type;
    private final T defaultValue;
    private final Presence presence;
    private final boolean inline;
    private final String doc;

    Setting(Section section, int index, String key, ValueType<T> type, T defaultValue, Presence presence,
            boolean inline, String doc) {
        this.section = section;
        this.index = index;
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.presence = presence;
        this.inline = inline;
        this.doc = doc;
    }

    /** @return the section this setting belongs to */
    public Section section() {
        return section;
    }

    int index() {
        return index;
    }

    /** @return the key in kebab case, e.g. {@code ack-timeout} */
    public String key() {
        return key;
    }

    /** @return the value type, with its constraints */
    public ValueType<T> type() {
        return type;
    }

    /** @return the default, or {@code null} for optional and required settings */
    public T defaultValue() {
        return defaultValue;
    }

    /** @return whether the setting has a default, is optional or required */
    public Presence presence() {
        return presence;
    }

    /** @return whether this is a nested section whose keys are written at this section's level */
    public boolean isInline() {
        return inline;
    }

    /** @return the description: the first line is one sentence; more lines may hold an example */
    public String doc() {
        return doc;
    }

    @Override
    public String toString() {
        return section.name().isEmpty() ? key : section.name() + "." + key;
    }
}
