package io.tributary.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A named group of typed {@link Setting}s, declared once per module in the Californium style:
 * <pre>{@code
 * public static final Section SECTION = Section.create("router", "Routing core.");
 * public static final Setting<Integer> QUEUE_CAPACITY = SECTION.define("queue-capacity",
 *         ValueTypes.integer().atLeast(1).unit("messages"), 1024, "Queue of each subscription.");
 * }</pre>
 * The immutable values ({@link Settings}), their validation, the YAML binding, the {@code TRIBUTARY_*}
 * environment mapping and the documented default file all come from these definitions. Settings register in
 * declaration order, which is the order of the documented defaults.
 */
public final class Section {

    private final String name;
    private final String doc;
    private final List<Setting<?>> settings = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();

    private Section(String name, String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.doc = Objects.requireNonNull(doc, "doc");
    }

    /**
     * @param name the section's key where it is nested, e.g. {@code coap}; empty for a root
     * @param doc one sentence saying what the section configures
     * @return a new, empty section
     */
    public static Section create(String name, String doc) {
        return new Section(name, doc);
    }

    /**
     * Declares a setting with a default.
     *
     * @param key kebab-case key, unique in the section
     * @param type value type with its constraints
     * @param defaultValue the default, which must satisfy the type
     * @param doc one sentence, naming the RFC section where there is one; further lines may hold an example
     * @param <T> the value's Java type
     * @return the setting
     */
    public synchronized <T> Setting<T> define(String key, ValueType<T> type, T defaultValue, String doc) {
        Objects.requireNonNull(defaultValue, "defaultValue");
        String problem = type.check(defaultValue);
        if (problem != null) {
            throw new IllegalArgumentException(name + "." + key + ": default " + problem);
        }
        return add(key, type, defaultValue, Setting.Presence.DEFAULTED, false, doc);
    }

    /**
     * Declares a setting that is unset ({@code null}) unless given.
     *
     * @param key kebab-case key, unique in the section
     * @param type value type with its constraints
     * @param doc one sentence saying what it is and what unset means
     * @param <T> the value's Java type
     * @return the setting
     */
    public synchronized <T> Setting<T> optional(String key, ValueType<T> type, String doc) {
        return add(key, type, null, Setting.Presence.OPTIONAL, false, doc);
    }

    /**
     * Declares a setting that must be given; for the entries of a list of sections, such as a rule's name.
     *
     * @param key kebab-case key, unique in the section
     * @param type value type with its constraints
     * @param doc one sentence saying what it is
     * @param <T> the value's Java type
     * @return the setting
     */
    public synchronized <T> Setting<T> required(String key, ValueType<T> type, String doc) {
        return add(key, type, null, Setting.Presence.REQUIRED, false, doc);
    }

    /**
     * Declares a nested section under its own key; its default is the nested section's defaults.
     *
     * @param nested the nested section, whose name becomes the key
     * @return the setting holding the nested values
     */
    public synchronized Setting<Settings> section(Section nested) {
        return add(nested.name(), new SectionType(nested), null, Setting.Presence.DEFAULTED, false, nested.doc());
    }

    /**
     * Declares a nested section whose keys are written at this section's level (in YAML and in environment
     * variables), so that a protocol's parameters and its adapter's settings read as one section.
     *
     * @param nested the nested section; its keys must not collide with this section's
     * @return the setting holding the nested values
     */
    public synchronized Setting<Settings> inline(Section nested) {
        return add(nested.name(), new SectionType(nested), null, Setting.Presence.DEFAULTED, true, nested.doc());
    }

    /**
     * Adds a rule across settings, checked by {@link Settings#problems()} (and so when a configuration is
     * loaded), e.g. that a default lies between a minimum and a maximum.
     *
     * @param blamed the setting the problem is reported on
     * @param rule gives what is wrong with a section's values, or {@code null} when they are acceptable; a message
     *             that starts with an element path, e.g. {@code [1].name: used twice}, blames that element
     */
    public synchronized void check(Setting<?> blamed, Function<Settings, String> rule) {
        if (blamed.section() != this) {
            throw new IllegalArgumentException(blamed + " is not a setting of section '" + name + "'");
        }
        rules.add(new Rule(blamed, rule));
    }

    /**
     * Adds a rule that is a piece of validating code: the values are acceptable when it returns normally, and the
     * message of the {@link IllegalArgumentException} it throws says what is wrong. So a type whose constructor
     * validates (a record's compact constructor) stays the one place of its rules.
     *
     * @param blamed the setting the problem is reported on
     * @param validator throws {@link IllegalArgumentException} for unacceptable values
     */
    public void checkBy(Setting<?> blamed, Consumer<Settings> validator) {
        check(blamed, settings -> {
            try {
                validator.accept(settings);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
    }

    private <T> Setting<T> add(String key, ValueType<T> type, T defaultValue, Setting.Presence presence,
                               boolean inline, String doc) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        if (find(key) != null) {
            throw new IllegalArgumentException(name + "." + key + " is declared twice");
        }
        Setting<T> setting = new Setting<>(this, settings.size(), key, type, defaultValue, presence, inline, doc);
        settings.add(setting);
        return setting;
    }

    /** @return the section's key where it is nested */
    public String name() {
        return name;
    }

    /** @return what the section configures */
    public String doc() {
        return doc;
    }

    /** @return the settings in declaration order */
    public synchronized List<Setting<?>> settings() {
        return List.copyOf(settings);
    }

    /**
     * @param key a key of this section (not of its inline sections)
     * @return the setting, or {@code null}
     */
    public synchronized Setting<?> find(String key) {
        for (Setting<?> setting : settings) {
            if (setting.key().equals(key)) {
                return setting;
            }
        }
        return null;
    }

    synchronized List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** @return every setting at its default; nested sections at theirs; optional and required ones unset */
    public Settings defaults() {
        List<Setting<?>> all = settings();
        Object[] values = new Object[all.size()];
        for (Setting<?> setting : all) {
            values[setting.index()] = setting.type() instanceof SectionType nested
                    ? nested.section().defaults() : setting.defaultValue();
        }
        return new Settings(this, values);
    }

    @Override
    public String toString() {
        return "Section[" + name + "]";
    }

    record Rule(Setting<?> blamed, Function<Settings, String> check) {
    }
}
