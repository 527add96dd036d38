package io.tributary.upnp.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.GenaPublisher;
import io.tributary.upnp.publisher.RunningPublisher;
import io.tributary.upnp.publisher.StateVariables;
import io.tributary.upnp.testing.Await;
import io.tributary.upnp.testing.GenaClient;
import io.tributary.core.time.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

class SubscriberWithPublisherTest {

    private final StateVariables state = StateVariables.of(Map.of("Volume", "42"));
    private final SimpleMeterRegistry publisherMeters = new SimpleMeterRegistry();
    private final VirtualClock publisherClock = new VirtualClock();
    private final RunningPublisher publisher = GenaPublisher.create().meterRegistry(publisherMeters)
            .clock(publisherClock).service(EventedService.create("/upnp/event/rcs", state))
            .start().block(Duration.ofSeconds(10));
    private final DisposableServer device = HttpServer.create().host("127.0.0.1").port(0)
            .route(publisher.routes()).bindNow();
    private final URI url = URI.create("http://127.0.0.1:" + device.port() + "/upnp/event/rcs");
    private final SubscriberFixture fixture = new SubscriberFixture();
    private final BlockingQueue<GenaEvent> events = new LinkedBlockingQueue<>();
    private Disposable subscription;

    @AfterEach
    void close() {
        if (subscription != null) {
            subscription.dispose();
        }
        fixture.close();
        publisher.stop().block(Duration.ofSeconds(10));
        device.disposeNow(Duration.ofSeconds(5));
    }

    private GenaEvent next() throws InterruptedException {
        GenaEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }

    private double renewals() {
        return publisherMeters.get("tributary.upnp.subscribe").tag("type", "renew").counter().count();
    }

    @Test
    @DisplayName("subscribing yields the initial event then each change in SEQ order; cancelling unsubscribes")
    void endToEnd() throws Exception {
        subscription = fixture.subscriber.subscribe(url).subscribe(events::add);
        GenaEvent initial = next();
        assertThat(initial.isInitial()).isTrue();
        assertThat(initial.properties().get("Volume")).isEqualTo("42");
        for (int i = 1; i <= 5; i++) {
            state.set("Volume", String.valueOf(i));
            GenaEvent change = next();
            assertThat(change.seq()).isEqualTo(i);
            assertThat(change.properties().get("Volume")).isEqualTo(String.valueOf(i));
        }
        subscription.dispose();
        Await.until("publisher saw the UNSUBSCRIBE", () -> publisher.subscriptionCount() == 0);
    }

    @Test
    @DisplayName("gena.md: the subscriber renews at about half the granted time (virtual clock), keeping the SID")
    void renewsAtHalfTime() throws Exception {
        subscription = fixture.subscriber.subscribe(url).subscribe(events::add);
        String sid = next().sid();
        Await.until("renewal armed", () -> fixture.timer.pending() == 1);
        fixture.timer.advance(Duration.ofSeconds(809));
        assertThat(renewals()).isZero();
        fixture.timer.advance(Duration.ofSeconds(182));
        Await.until("one renewal", () -> renewals() == 1);
        Await.until("next renewal armed", () -> fixture.timer.pending() == 1);
        fixture.timer.advance(Duration.ofSeconds(991));
        Await.until("two renewals", () -> renewals() == 2);
        assertThat(publisher.sids("/upnp/event/rcs")).containsExactly(sid);
        state.set("Volume", "1");
        assertThat(next().sid()).isEqualTo(sid);
    }

    @Test
    @DisplayName("gena.md: a renewal answered 412 (publisher lost the SID) gives a gap signal and a new subscription")
    void renewal412() throws Exception {
        subscription = fixture.subscriber.subscribe(url).subscribe(events::add);
        String sid = next().sid();
        new GenaClient("http://127.0.0.1:" + device.port()).send("UNSUBSCRIBE", "/upnp/event/rcs",
                Map.of("SID", sid));
        Await.until("renewal armed", () -> fixture.timer.pending() == 1);
        fixture.timer.advance(Duration.ofSeconds(1000));
        GenaEvent gap = next();
        assertThat(gap.isGap()).isTrue();
        assertThat(gap.gapReason()).isEqualTo(GenaEvent.GapReason.SUBSCRIPTION_LOST);
        GenaEvent initial = next();
        assertThat(initial.isInitial()).isTrue();
        assertThat(initial.sid()).isNotEqualTo(sid);
        assertThat(fixture.counter("tributary.upnp.subscriber.gaps", "reason", "subscription-lost")).isEqualTo(1);
    }

    @Test
    @DisplayName("UDA §4.3.2: a SEQ gap is signalled, the old SID unsubscribed and a fresh initial event follows")
    void seqGap() throws Exception {
        subscription = fixture.subscriber.subscribe(url).subscribe(events::add);
        String sid = next().sid();
        io.tributary.upnp.publisher.PublisherTestHooks.nextSeq(publisher, sid, 7);
        state.set("Volume", "8");
        GenaEvent gap = next();
        assertThat(gap.gapReason()).isEqualTo(GenaEvent.GapReason.SEQ_GAP);
        GenaEvent skipped = next();
        assertThat(skipped.seq()).isEqualTo(7);
        assertThat(skipped.properties().get("Volume")).isEqualTo("8");
        GenaEvent initial = next();
        assertThat(initial.isInitial()).isTrue();
        assertThat(initial.sid()).isNotEqualTo(sid);
        assertThat(initial.properties().get("Volume")).isEqualTo("8");
        Await.until("old SID unsubscribed", () -> !publisher.sids("/upnp/event/rcs").contains(sid));
    }
}
