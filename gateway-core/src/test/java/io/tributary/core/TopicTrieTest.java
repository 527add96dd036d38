package io.tributary.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class TopicTrieTest {

    private static final String[] NAMES = {"a", "b", "c"};

    @RepeatedTest(20)
    @DisplayName("the trie finds exactly the filters a linear scan finds, for random filters and topics")
    void agreesWithLinearScan(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        TopicTrie<TopicFilter> trie = new TopicTrie<>();
        List<TopicFilter> filters = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            TopicFilter filter = TopicFilter.of(randomFilter(random));
            filters.add(filter);
            trie.add(filter, filter);
        }
        for (int i = 0; i < 200; i++) {
            Topic topic = Topic.of(randomTopic(random));
            List<TopicFilter> found = new ArrayList<>();
            trie.forEachMatch(topic, found::add);
            List<TopicFilter> expected = filters.stream().filter(f -> f.matches(topic)).toList();
            assertThat(found).as("matches of %s", topic).containsExactlyInAnyOrderElementsOf(expected);
        }
        Set<TopicFilter> distinct = new HashSet<>(filters);
        for (TopicFilter filter : filters) {
            trie.remove(filter, filter);
        }
        assertThat(trie.size()).isZero();
        assertThat(distinct).isNotEmpty();
    }

    @Test
    @DisplayName("removal prunes the path and leaves other filters intact")
    void removal() {
        TopicTrie<String> trie = new TopicTrie<>();
        trie.add(TopicFilter.of("a/b/c"), "x");
        trie.add(TopicFilter.of("a/+"), "y");
        assertThat(trie.remove(TopicFilter.of("a/b/c"), "x")).isTrue();
        assertThat(trie.remove(TopicFilter.of("a/b/c"), "x")).isFalse();
        List<String> found = new ArrayList<>();
        trie.forEachMatch(Topic.of("a/b"), found::add);
        assertThat(found).containsExactly("y");
    }

    @Test
    @DisplayName("first() prefers exact segments over + over #")
    void specificity() {
        TopicTrie<String> trie = new TopicTrie<>();
        trie.add(TopicFilter.of("#"), "everything");
        trie.add(TopicFilter.of("a/#"), "a-rest");
        trie.add(TopicFilter.of("a/+/c"), "a-one-c");
        trie.add(TopicFilter.of("a/b/c"), "exact");
        assertThat(trie.first(Topic.of("a/b/c"))).isEqualTo("exact");
        assertThat(trie.first(Topic.of("a/x/c"))).isEqualTo("a-one-c");
        assertThat(trie.first(Topic.of("a/x/d"))).isEqualTo("a-rest");
        assertThat(trie.first(Topic.of("a"))).isEqualTo("a-rest");
        assertThat(trie.first(Topic.of("z"))).isEqualTo("everything");
    }

    private static String randomFilter(Random random) {
        int length = 1 + random.nextInt(4);
        StringBuilder filter = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                filter.append('/');
            }
            int kind = random.nextInt(10);
            if (i == length - 1 && kind == 0) {
                filter.append('#');
            } else if (kind < 3) {
                filter.append('+');
            } else {
                filter.append(NAMES[random.nextInt(NAMES.length)]);
            }
        }
        return filter.toString();
    }

    private static String randomTopic(Random random) {
        int length = 1 + random.nextInt(4);
        StringBuilder topic = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                topic.append('/');
            }
            topic.append(NAMES[random.nextInt(NAMES.length)]);
        }
        return topic.toString();
    }
}
