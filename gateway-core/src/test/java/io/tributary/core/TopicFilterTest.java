package io.tributary.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {

    @ParameterizedTest(name = "filter {0} vs topic {1} -> {2}")
    @CsvSource({
            "a/b/c, a/b/c, true",
            "a/b/c, a/b, false",
            "a/b, a/b/c, false",
            "+/b/c, a/b/c, true",
            "a/+/c, a/b/c, true",
            "a/b/+, a/b/c, true",
            "+/+/+, a/b/c, true",
            "+/+, a/b/c, false",
            "a/+, a, false",
            "#, a, true",
            "#, a/b/c, true",
            "a/#, a, true",
            "a/#, a/b, true",
            "a/#, a/b/c, true",
            "a/#, b/a, false",
            "a/b/#, a/b, true",
            "a/b/#, a/c, false",
            "+/#, a, true",
            "+/b/#, a/b/c/d, true",
            "+/b/#, a/c/c/d, false",
            "a/+/#, a, false",
            "a/+/#, a/x, true",
    })
    @DisplayName("MQTT-style wildcards: + is one segment, # is the rest including nothing")
    void matches(String filter, String topic, boolean expected) {
        assertThat(TopicFilter.of(filter).matches(Topic.of(topic))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a//b", "/a", "a/", "a/#/b", "a/b#", "a+/b", "#/a"})
    void rejectsMalformedFilters(String filter) {
        assertThatIllegalArgumentException().isThrownBy(() -> TopicFilter.of(filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a//b", "a/+", "a/#", "a/b+", "/"})
    void rejectsMalformedTopics(String topic) {
        assertThatIllegalArgumentException().isThrownBy(() -> Topic.of(topic));
    }

    @Test
    void topicsFromSegmentsAndEquality() {
        assertThat(Topic.of("coap", "kitchen", "temp")).isEqualTo(Topic.of("coap/kitchen/temp"));
        assertThat(Topic.of("coap").resolve("a/b").segments()).containsExactly("coap", "a", "b");
        assertThat(TopicFilter.of("a/+").hasWildcards()).isTrue();
        assertThat(TopicFilter.exactly(Topic.of("a/b")).hasWildcards()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> Topic.of("coap", "a/b"));
    }
}
