package io.tributary.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectMappingTest {

    /** A JetStream key, which our subjects also serve as. */
    private static final Pattern KV_KEY = Pattern.compile("[-/_=.a-zA-Z0-9]+");
    /** Characters a generated segment draws from: plain ones, subject specials, the escape, non-ASCII. */
    private static final String[] ALPHABET = {"a", "Z", "7", "-", "_", ".", " ", "*", ">", "=", ":", "\t", "\u0000",
        "é", "温", "\uD83D\uDE00", "%", "$", "\\", "\"", "~"};

    private final SubjectMapping mapping = SubjectMapping.of("tributary");

    @ParameterizedTest(name = "{0} ↔ {1}")
    @CsvSource(delimiter = '|', value = {
        "a/b/c|tributary.a.b.c",
        "coap/sensors/kitchen/temp|tributary.coap.sensors.kitchen.temp",
        "demo.temp/x|tributary.demo=2Etemp.x",
        "living room|tributary.living=20room",
        "*/>|tributary.=2A.=3E",
        "a=b|tributary.a=3Db",
        "café|tributary.caf=C3=A9",
        "upnp/uuid:1234/Volume|tributary.upnp.uuid=3A1234.Volume",
        "site_1/temp-2|tributary.site_1.temp-2"})
    @DisplayName("topics map to the documented subjects and back")
    void examples(String topic, String subject) {
        assertThat(mapping.subject(Topic.of(topic))).isEqualTo(subject);
        assertThat(mapping.topic(subject)).isEqualTo(Topic.of(topic));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "a/+/c|tributary.a.*.c",
        "a/#|tributary.a.>,tributary.a",
        "#|tributary.>",
        "+|tributary.*",
        "site.1/#|tributary.site=2E1.>,tributary.site=2E1",
        "a/b|tributary.a.b"})
    @DisplayName("filters map + to *, # to >, and a/# to a.> plus a (a/# matches a, a.> does not)")
    void filters(String filter, String subjects) {
        assertThat(mapping.subjects(TopicFilter.of(filter))).containsExactly(subjects.split(","));
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {"other.a", "tributary", "tributary.", "tributary.a..b", "tributary.a.", "tributary.*",
        "tributary.a.>", "tributary.a b", "tributary.=2e", "tributary.=41", "tributary.=C3", "tributary.=2",
        "tributary.=2F", "tributary.=2B", "tributary.=23", "tributary.a=ZZ", "tributary.é"})
    @DisplayName("subjects outside the canonical form are refused, so no two subjects give one topic")
    void refused(String subject) {
        assertThatIllegalArgumentException().isThrownBy(() -> mapping.topic(subject));
    }

    @Test
    @DisplayName("a topic with an unpaired surrogate has no subject")
    void unpairedSurrogate() {
        assertThatIllegalArgumentException().isThrownBy(() -> mapping.subject(Topic.of("a\uD800b")))
                .withMessageContaining("unpaired surrogate");
    }

    @Test
    @DisplayName("requests live under <prefix>-request; prefixes are dotted plain tokens")
    void requestsAndPrefixes() {
        assertThat(mapping.forRequests().subject(Topic.of("rpc/echo"))).isEqualTo("tributary-request.rpc.echo");
        assertThat(SubjectMapping.of("site1.gw").subject(Topic.of("t"))).isEqualTo("site1.gw.t");
        assertThat(SubjectMapping.isPrefix("a.b-c_d")).isTrue();
        assertThat(SubjectMapping.isPrefix("a..b")).isFalse();
        assertThat(SubjectMapping.isPrefix("a.*")).isFalse();
        assertThat(SubjectMapping.isPrefix("")).isFalse();
    }

    @RepeatedTest(500)
    @DisplayName("property: every topic maps to a KV-key-safe subject that maps back to the same topic")
    void topicRoundTrip(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        Topic topic = randomTopic(random);
        String subject = mapping.subject(topic);
        assertThat(subject).matches(KV_KEY).startsWith("tributary.").doesNotContain("..");
        assertThat(subject.split("\\.", -1)).hasSize(topic.size() + 1);
        assertThat(mapping.topic(subject)).isEqualTo(topic);
    }

    @RepeatedTest(500)
    @DisplayName("property: every subject that maps to a topic is that topic's subject (canonical form)")
    void subjectRoundTrip(RepetitionInfo repetition) {
        Random random = new Random(10_000 + repetition.getCurrentRepetition());
        String subject = randomSubject(random);
        Topic topic;
        try {
            topic = mapping.topic(subject);
        } catch (IllegalArgumentException refused) {
            return; // not canonical: refusing it is what keeps the mapping one-to-one
        }
        assertThat(mapping.subject(topic)).isEqualTo(subject);
    }

    @Test
    @DisplayName("property: random subjects are accepted often enough for the round trip above to mean something")
    void subjectGeneratorHitsCanonicalForms() {
        Random random = new Random(42);
        int accepted = 0;
        for (int i = 0; i < 500; i++) {
            try {
                mapping.topic(randomSubject(random));
                accepted++;
            } catch (IllegalArgumentException refused) {
                // counted by difference
            }
        }
        assertThat(accepted).isBetween(100, 450);
    }

    @RepeatedTest(300)
    @DisplayName("property: a filter matches a topic exactly when one of its subjects matches the topic's subject")
    void matchingAgrees(RepetitionInfo repetition) {
        Random random = new Random(20_000 + repetition.getCurrentRepetition());
        Topic topic = randomTopic(random);
        TopicFilter filter = filterFor(topic, random);
        String subject = mapping.subject(topic);
        boolean natsMatches = mapping.subjects(filter).stream().anyMatch(pattern -> natsMatch(pattern, subject));
        assertThat(natsMatches).as("%s against %s (%s)", filter, topic, subject).isEqualTo(filter.matches(topic));
    }

    private static Topic randomTopic(Random random) {
        int size = 1 + random.nextInt(5);
        StringBuilder topic = new StringBuilder();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                topic.append('/');
            }
            int length = 1 + random.nextInt(6);
            for (int k = 0; k < length; k++) {
                topic.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
        }
        return Topic.of(topic.toString());
    }

    /** Tokens of plain characters and escapes, sometimes well-formed, sometimes not. */
    private static String randomSubject(Random random) {
        String[] pieces = {"a", "Q", "9", "-", "_", "=2E", "=20", "=3D", "=C3=A9", "=E6=B8=A9", "=41", "=2e", "=C3",
            "=2F", "=F0=9F=98=80"};
        StringBuilder subject = new StringBuilder("tributary");
        int tokens = 1 + random.nextInt(4);
        for (int i = 0; i < tokens; i++) {
            subject.append('.');
            int length = 1 + random.nextInt(4);
            for (int k = 0; k < length; k++) {
                int pick = random.nextInt(10) < 7 ? random.nextInt(10) : random.nextInt(pieces.length);
                subject.append(pieces[pick]);
            }
        }
        return subject.toString();
    }

    /** A filter derived from the topic (so that it often matches), with wildcards and changes sprinkled in. */
    private static TopicFilter filterFor(Topic topic, Random random) {
        List<String> segments = topic.segments();
        StringBuilder filter = new StringBuilder();
        int size = Math.max(1, segments.size() + random.nextInt(3) - 1);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                filter.append('/');
            }
            int choice = random.nextInt(10);
            if (i == size - 1 && choice < 3) {
                filter.append('#');
            } else if (choice < 5) {
                filter.append('+');
            } else if (i < segments.size() && choice < 9) {
                filter.append(segments.get(i));
            } else {
                filter.append("x");
            }
        }
        return TopicFilter.of(filter.toString());
    }

    /** NATS subject matching: '*' one token, '>' one or more trailing tokens. */
    private static boolean natsMatch(String pattern, String subject) {
        String[] p = pattern.split("\\.", -1);
        String[] s = subject.split("\\.", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(">")) {
                return s.length > i;
            }
            if (i >= s.length || (!p[i].equals("*") && !p[i].equals(s[i]))) {
                return false;
            }
        }
        return p.length == s.length;
    }
}
