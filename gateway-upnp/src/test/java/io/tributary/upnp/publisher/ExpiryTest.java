package io.tributary.upnp.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExpiryTest {

    private final PublisherFixture fixture = new PublisherFixture(PublisherConfig.defaults());

    @AfterEach
    void close() {
        fixture.close();
    }

    private String subscribe() {
        return fixture.client.subscribe(PublisherFixture.PATH, "<" + fixture.receiver.url("/a") + ">").sid();
    }

    @Test
    @DisplayName("UDA §4.1.2: a subscription not renewed expires after the granted time; its SID then gets 412")
    void expires() {
        String sid = subscribe();
        fixture.timer.advance(Duration.ofSeconds(1799));
        assertThat(fixture.publisher.sids(PublisherFixture.PATH)).containsExactly(sid);
        fixture.timer.advance(Duration.ofSeconds(1));
        assertThat(fixture.publisher.subscriptionCount()).isZero();
        assertThat(fixture.counter("tributary.upnp.subscriptions.ended", "reason", "expired")).isEqualTo(1);
        assertThat(fixture.gauge("tributary.upnp.subscriptions")).isZero();
        assertThat(fixture.client.send("SUBSCRIBE", PublisherFixture.PATH, Map.of("SID", sid)).status())
                .isEqualTo(412);
        assertThat(fixture.timer.pending()).isZero();
    }

    @Test
    @DisplayName("UDA §4.1.3: a renewal restarts the granted time from the moment of renewal")
    void renewalExtends() {
        String sid = subscribe();
        fixture.timer.advance(Duration.ofSeconds(1000));
        assertThat(fixture.client.send("SUBSCRIBE", PublisherFixture.PATH, Map.of("SID", sid,
                "TIMEOUT", "Second-1800")).status()).isEqualTo(200);
        fixture.timer.advance(Duration.ofSeconds(1799));
        assertThat(fixture.publisher.sids(PublisherFixture.PATH)).containsExactly(sid);
        fixture.timer.advance(Duration.ofSeconds(1));
        assertThat(fixture.publisher.subscriptionCount()).isZero();
    }

    @Test
    @DisplayName("UNSUBSCRIBE cancels the expiry timer")
    void unsubscribeCancelsTimer() {
        String sid = subscribe();
        assertThat(fixture.timer.pending()).isEqualTo(1);
        fixture.client.send("UNSUBSCRIBE", PublisherFixture.PATH, Map.of("SID", sid));
        assertThat(fixture.timer.pending()).isZero();
    }
}
