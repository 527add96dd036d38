package io.tributary.core.config;

/**
 * A nested group of settings; its value is a {@link Settings} of that section.
 *
 * @param section the nested section
 */
public record SectionType(Section section) implements ValueType<Settings> {

    @Override
    public String describe() {
        return "section (a mapping of keys)";
    }

    @Override
    public String check(Settings value) {
        return null;
    }

    @Override
    public Settings cast(Object value) {
        if (!(value instanceof Settings settings) || settings.section() != section) {
            throw new IllegalArgumentException("expected settings of section '" + section.name() + "', was "
                    + value);
        }
        return settings;
    }
}
