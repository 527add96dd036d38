package io.tributary.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SettingsTest {

    static final Section ITEM = Section.create("item", "An item.");
    static final Setting<String> ITEM_NAME = ITEM.required("name", ValueTypes.nonBlankText(), "Its name.");
    static final Setting<Integer> ITEM_SIZE = ITEM.define("size", ValueTypes.size(), 1024, "Its size.");

    static final Section INNER = Section.create("inner", "Inline parameters.");
    static final Setting<Duration> TIMEOUT = INNER.define("timeout", ValueTypes.positiveDuration(),
            Duration.ofSeconds(2), "A timeout.");

    static final Section SECTION = Section.create("demo", "A demo section.");
    static final Setting<Integer> PORT = SECTION.define("port", ValueTypes.port(), 5683, "A port.");
    static final Setting<Integer> MIN = SECTION.define("min", ValueTypes.integer(), 1, "Lower bound.");
    static final Setting<Integer> MAX = SECTION.define("max", ValueTypes.integer(), 10, "Upper bound.");
    static final Setting<String> SECRET = SECTION.define("secret", ValueTypes.text().secret(), "", "A password.");
    static final Setting<String> NOTE = SECTION.optional("note", ValueTypes.text(), "A note.");
    static final Setting<Settings> PARAMETERS = SECTION.inline(INNER);
    static final Setting<List<Settings>> ITEMS = SECTION.define("items",
            ValueTypes.listOf(ValueTypes.section(ITEM)), List.of(), "Items.");
    static final Setting<Map<String, String>> LABELS = SECTION.define("labels",
            ValueTypes.mapOf(ValueTypes.text()), Map.of(), "Labels.");

    static {
        SECTION.check(MAX, s -> s.get(MAX) < s.get(MIN) ? "must not be below min" : null);
    }

    @Nested
    @DisplayName("values")
    class Values {

        @Test
        @DisplayName("defaults come from the definitions; with returns a changed copy and leaves the original")
        void withCopies() {
            Settings defaults = SECTION.defaults();
            Settings changed = defaults.with(PORT, 0).with(PARAMETERS, TIMEOUT, Duration.ofMillis(500));
            assertThat(defaults.get(PORT)).isEqualTo(5683);
            assertThat(changed.get(PORT)).isZero();
            assertThat(changed.get(PARAMETERS, TIMEOUT)).isEqualTo(Duration.ofMillis(500));
            assertThat(defaults.get(PARAMETERS, TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
            assertThat(changed).isNotEqualTo(defaults).isEqualTo(defaults.with(PORT, 0)
                    .with(PARAMETERS, TIMEOUT, Duration.ofMillis(500)));
        }

        @Test
        @DisplayName("a value outside its type's range is refused naming the setting")
        void ranges() {
            assertThatThrownBy(() -> SECTION.defaults().with(PORT, 70_000))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("demo.port must be at most 65535, was 70000");
            assertThatThrownBy(() -> INNER.defaults().with(TIMEOUT, Duration.ZERO))
                    .hasMessage("inner.timeout must be positive, was 0s");
            assertThatThrownBy(() -> SECTION.defaults().with(PORT, null)).hasMessageContaining("must not be null");
        }

        @Test
        @DisplayName("a setting of another section is refused")
        void ownership() {
            assertThatThrownBy(() -> SECTION.defaults().get(TIMEOUT))
                    .hasMessage("inner.timeout is not a setting of section 'demo'");
        }

        @Test
        @DisplayName("optional settings are unset until given; required ones must be given")
        void presence() {
            assertThat(SECTION.defaults().find(NOTE)).isEmpty();
            assertThat(SECTION.defaults().with(NOTE, "hi").find(NOTE)).contains("hi");
            assertThatThrownBy(() -> ITEM.defaults().get(ITEM_NAME)).isInstanceOf(IllegalStateException.class);
            assertThat(ITEM.defaults().problems()).extracting(ConfigProblem::toString)
                    .containsExactly("key 'name': required");
        }

        @Test
        @DisplayName("rules across settings are checked by problems() and validate(), with nested keys")
        void rules() {
            Settings broken = SECTION.defaults().with(MIN, 5).with(MAX, 2)
                    .with(ITEMS, List.of(ITEM.defaults().with(ITEM_NAME, "a"), ITEM.defaults()));
            assertThat(broken.problems()).extracting(ConfigProblem::toString).containsExactly(
                    "key 'items[1].name': required", "key 'max': must not be below min");
            assertThatThrownBy(broken::validate).hasMessage(
                    "key 'items[1].name': required; key 'max': must not be below min");
            assertThat(SECTION.defaults().validate()).isEqualTo(SECTION.defaults());
        }

        @Test
        @DisplayName("toString masks secrets")
        void secrets() {
            assertThat(SECTION.defaults().with(SECRET, "hunter2").toString())
                    .contains("secret=****").doesNotContain("hunter2");
        }
    }

    @Nested
    @DisplayName("types")
    class Types {

        @Test
        @DisplayName("durations and sizes read units and print in the largest whole unit")
        void units() {
            assertThat(ValueTypes.duration().parse("500ms")).isEqualTo(Duration.ofMillis(500));
            assertThat(ValueTypes.duration().parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
            assertThat(ValueTypes.formatDuration(Duration.ofSeconds(1800))).isEqualTo("30m");
            assertThat(ValueTypes.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
            assertThat(ValueTypes.size().parse("64KiB")).isEqualTo(65_536);
            assertThat(ValueTypes.size().format(4 << 20)).isEqualTo("4MiB");
            assertThat(ValueTypes.size().format(1000)).isEqualTo("1000");
            assertThatThrownBy(() -> ValueTypes.size().parse("3GiB")).hasMessageContaining("too large");
            assertThatThrownBy(() -> ValueTypes.duration().parse("soon")).hasMessageContaining("not a duration");
        }

        @Test
        @DisplayName("choices are kebab case and say which exist")
        void choices() {
            ScalarType<Thread.State> state = ValueTypes.choice(Thread.State.class);
            assertThat(state.parse("timed-waiting")).isEqualTo(Thread.State.TIMED_WAITING);
            assertThat(state.format(Thread.State.TIMED_WAITING)).isEqualTo("timed-waiting");
            assertThatThrownBy(() -> state.parse("sleeping")).hasMessage("'sleeping' is not a valid choice (one of"
                    + " new, runnable, blocked, waiting, timed-waiting, terminated)");
        }

        @Test
        @DisplayName("a definition whose default breaks its own range is refused")
        void badDefault() {
            Section section = Section.create("bad", "Bad.");
            assertThatThrownBy(() -> section.define("port", ValueTypes.port(), -1, "A port."))
                    .hasMessage("bad.port: default must be at least 0, was -1");
            assertThatThrownBy(() -> SECTION.define("port", ValueTypes.port(), 1, "Again."))
                    .hasMessage("demo.port is declared twice");
        }
    }
}
