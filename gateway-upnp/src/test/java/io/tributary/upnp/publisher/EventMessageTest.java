package io.tributary.upnp.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.event.PropertySetWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventMessageTest {

    @Test
    @DisplayName("merging leaves the shared message as it was; newer values replace older ones in first-seen order")
    void mergeKeepsSharedMessage() {
        EventMessage shared = new EventMessage(PropertySet.of(Map.of("Volume", "1")));
        EventMessage merged = shared.mergedWith(new EventMessage(PropertySet.of("Mute", "0")))
                .mergedWith(new EventMessage(PropertySet.of("Volume", "2")));

        assertThat(shared.properties()).isEqualTo(PropertySet.of("Volume", "1"));
        assertThat(merged.properties().properties()).extracting(property -> property.name() + "=" + property.value())
                .containsExactly("Volume=2", "Mute=0");
    }

    @Test
    @DisplayName("a message already private to its queue takes later merges in place, and its body follows them")
    void privateMessageMergesInPlace() {
        PropertySetWriter writer = PropertySetWriter.create();
        EventMessage merged = new EventMessage(PropertySet.of("A", "1"))
                .mergedWith(new EventMessage(PropertySet.of("B", "1")));
        String before = new String(merged.body(writer), StandardCharsets.UTF_8);

        EventMessage again = merged.mergedWith(new EventMessage(PropertySet.of("A", "2")));

        assertThat(again).isSameAs(merged);
        assertThat(before).contains("<A>1</A>");
        assertThat(new String(again.body(writer), StandardCharsets.UTF_8)).contains("<A>2</A>").contains("<B>1</B>");
    }
}
