package io.tributary.core.config;

import static io.tributary.core.config.SettingsTest.ITEMS;
import static io.tributary.core.config.SettingsTest.ITEM_NAME;
import static io.tributary.core.config.SettingsTest.ITEM_SIZE;
import static io.tributary.core.config.SettingsTest.LABELS;
import static io.tributary.core.config.SettingsTest.NOTE;
import static io.tributary.core.config.SettingsTest.PARAMETERS;
import static io.tributary.core.config.SettingsTest.PORT;
import static io.tributary.core.config.SettingsTest.SECTION;
import static io.tributary.core.config.SettingsTest.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SettingsBinderTest {

    private static final String FILE = "demo.yaml";

    private static ConfigNode scalar(String text, int line) {
        return ConfigNode.scalar(text, FILE, line);
    }

    private static ConfigNode.Entry entry(String key, ConfigNode value) {
        return new ConfigNode.Entry(key, value, value.line());
    }

    private static ConfigNode map(int line, ConfigNode.Entry... entries) {
        return ConfigNode.map(List.of(entries), FILE, line);
    }

    private static List<String> problems(SettingsBinder binder) {
        return binder.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    @DisplayName("a document sets the keys it names, inline keys at the section's level, and keeps the rest")
    void binds() {
        SettingsBinder binder = new SettingsBinder();
        Settings bound = binder.bind(SECTION.defaults(), map(1,
                entry("port", scalar("0", 1)),
                entry("timeout", scalar("250ms", 2)),
                entry("note", scalar("", 3)),
                entry("items", ConfigNode.list(List.of(map(4, entry("name", scalar("a", 4)))), FILE, 4)),
                entry("labels", map(5, entry("site", scalar("lab", 5))))));
        binder.check(bound);
        assertThat(problems(binder)).isEmpty();
        assertThat(bound.get(PORT)).isZero();
        assertThat(bound.get(PARAMETERS, TIMEOUT)).isEqualTo(Duration.ofMillis(250));
        assertThat(bound.find(NOTE)).as("empty text leaves an optional setting unset").isEmpty();
        assertThat(bound.get(ITEMS)).singleElement().satisfies(item -> {
            assertThat(item.get(ITEM_NAME)).isEqualTo("a");
            assertThat(item.get(ITEM_SIZE)).isEqualTo(1024);
        });
        assertThat(bound.get(LABELS)).isEqualTo(Map.of("site", "lab"));
    }

    @Test
    @DisplayName("every problem is collected with its line; keys with problems keep their values")
    void collectsEveryProblem() {
        SettingsBinder binder = new SettingsBinder();
        Settings bound = binder.bind(SECTION.defaults(), map(1,
                entry("port", scalar("eighty", 1)),
                entry("prot", scalar("1", 2)),
                entry("timeout", scalar("0s", 3)),
                entry("port", scalar("1", 4)),
                entry("items", ConfigNode.list(List.of(map(5, entry("size", scalar("1KiB", 5)))), FILE, 5)),
                entry("labels", scalar("none", 6))));
        binder.check(bound);
        assertThat(problems(binder)).containsExactly(
                "demo.yaml line 1: key 'port': 'eighty' is not a whole number",
                "demo.yaml line 2: unknown key 'prot' (known keys: items, labels, max, min, note, port, secret,"
                        + " timeout)",
                "demo.yaml line 3: key 'timeout': must be positive, was 0s",
                "demo.yaml line 4: duplicate key 'port'",
                "demo.yaml line 6: key 'labels': expected a mapping of names to text",
                "demo.yaml line 5: key 'items[0].name': required");
        assertThat(bound.get(PORT)).isEqualTo(5683);
    }

    @Test
    @DisplayName("TRIBUTARY_* variables set scalars, inline keys, list items by index and lists as YAML flow")
    void environment() {
        Settings base = SECTION.defaults().with(ITEMS, List.of(SettingsTest.ITEM.defaults().with(ITEM_NAME, "a")));
        SettingsBinder binder = new SettingsBinder();
        Settings bound = binder.environment(base, Map.of(
                        "TRIBUTARY_PORT", "7000",
                        "TRIBUTARY_TIMEOUT", "1m",
                        "TRIBUTARY_ITEMS_0_SIZE", "2KiB",
                        "TRIBUTARY_LABELS", "{a: b}",
                        "HOME", "/root"),
                value -> value.text().equals("{a: b}")
                        ? ConfigNode.map(List.of(new ConfigNode.Entry("a", ConfigNode.scalar("b", value.source(), 0),
                        0)), value.source(), 0) : value);
        assertThat(problems(binder)).isEmpty();
        assertThat(bound.get(PORT)).isEqualTo(7000);
        assertThat(bound.get(PARAMETERS, TIMEOUT)).isEqualTo(Duration.ofMinutes(1));
        assertThat(bound.get(ITEMS).get(0).get(ITEM_SIZE)).isEqualTo(2048);
        assertThat(bound.get(LABELS)).isEqualTo(Map.of("a", "b"));
    }

    @Test
    @DisplayName("a variable naming no key, or holding a wrong value, is reported naming the variable")
    void environmentProblems() {
        SettingsBinder binder = new SettingsBinder();
        binder.environment(SECTION.defaults(), Map.of("TRIBUTARY_PROT", "1", "TRIBUTARY_PORT", "x",
                "TRIBUTARY_ITEMS_0_SIZE", "1"), value -> value);
        assertThat(problems(binder)).containsExactly(
                "environment variable TRIBUTARY_ITEMS_0_SIZE names no configuration key (rule: TRIBUTARY_ + key"
                        + " path, upper-case, '.' and '-' as '_', e.g. TRIBUTARY_HTTP_PORT)",
                "environment variable TRIBUTARY_PORT: key 'port': 'x' is not a whole number",
                "environment variable TRIBUTARY_PROT names no configuration key (rule: TRIBUTARY_ + key path,"
                        + " upper-case, '.' and '-' as '_', e.g. TRIBUTARY_HTTP_PORT)");
    }
}
