package io.tributary.upnp.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.tributary.upnp.testing.CallbackReceiver.Notify;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ModerationTest {

    private final PublisherFixture fixture = new PublisherFixture(PublisherConfig.defaults(), service -> service
            .moderate("Volume", Moderation.none().maximumRate(Duration.ofSeconds(10)))
            .moderate("Temp", Moderation.none().minimumDelta(0.5)));

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    @DisplayName("UDA §2.5 maximumRate: at most one event per period, the newest held value sent when it ends")
    void maximumRate() throws Exception {
        fixture.client.subscribe(PublisherFixture.PATH, "<" + fixture.receiver.url("/a") + ">");
        fixture.receiver.next("/a");
        fixture.state.set("Volume", "1");
        assertThat(fixture.receiver.next("/a").properties().get("Volume")).isEqualTo("1");
        fixture.state.set("Volume", "2");
        fixture.state.set("Volume", "3");
        fixture.state.set("Mute", "1");
        Notify mute = fixture.receiver.next("/a");
        assertThat(mute.properties().toMap()).containsOnlyKeys("Mute");
        assertThat(fixture.counter("tributary.upnp.notify.queued")).as("Volume=1 and Mute").isEqualTo(2);
        fixture.timer.advance(Duration.ofSeconds(9));
        assertThat(fixture.counter("tributary.upnp.notify.queued")).as("still held after 9 s").isEqualTo(2);
        fixture.timer.advance(Duration.ofSeconds(1));
        assertThat(fixture.counter("tributary.upnp.notify.queued")).as("released at 10 s").isEqualTo(3);
        Notify held = fixture.receiver.next("/a");
        assertThat(held.properties().get("Volume")).isEqualTo("3");
        assertThat(held.seq()).isEqualTo(3);
        assertThat(fixture.counter("tributary.upnp.moderated")).isEqualTo(2);
    }

    @Test
    @DisplayName("UDA §2.5 minimumDelta: a numeric change smaller than the delta from the last evented value is not sent")
    void minimumDelta() throws Exception {
        fixture.client.subscribe(PublisherFixture.PATH, "<" + fixture.receiver.url("/a") + ">");
        fixture.receiver.next("/a");
        fixture.state.set("Temp", "20.0");
        assertThat(fixture.receiver.next("/a").properties().get("Temp")).isEqualTo("20.0");
        fixture.state.set("Temp", "20.3");
        fixture.state.set("Temp", "19.8");
        fixture.state.set("Temp", "20.6");
        assertThat(fixture.receiver.next("/a").properties().get("Temp")).isEqualTo("20.6");
        fixture.state.set("Temp", "warm");
        assertThat(fixture.receiver.next("/a").properties().get("Temp")).isEqualTo("warm");
    }
}
