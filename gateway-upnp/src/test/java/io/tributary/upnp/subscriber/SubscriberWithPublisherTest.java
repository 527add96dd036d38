package io.tributary.upnp.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.time.VirtualClock;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.GenaPublisher;
import io.tributary.upnp.publisher.PublisherTestHooks;
import io.tributary.upnp.publisher.RunningPublisher;
import io.tributary.upnp.publisher.StateVariables;
import io.tributary.upnp.testing.Await;
import io.tributary.upnp.testing.GenaClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

class SubscriberWithPublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

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
    private final AtomicReference<String> sid = new AtomicReference<>();

    @AfterEach
    void close() {
        fixture.close();
        StepVerifier.create(publisher.stop()).expectComplete().verify(Duration.ofSeconds(10));
        device.disposeNow(Duration.ofSeconds(5));
    }

    private double renewals() {
        return publisherMeters.get("tributary.upnp.subscribe").tag("type", "renew").counter().count();
    }

    @Test
    @DisplayName("subscribing yields the initial event then each change in SEQ order; cancelling unsubscribes")
    void endToEnd() {
        StepVerifier.Step<GenaEvent> steps = StepVerifier.create(fixture.subscriber.subscribe(url))
                .assertNext(initial -> {
                    assertThat(initial.isInitial()).isTrue();
                    assertThat(initial.properties().toMap()).containsExactly(Map.entry("Volume", "42"));
                });
        for (int i = 1; i <= 5; i++) {
            String volume = String.valueOf(i);
            long seq = i;
            steps = steps.then(() -> state.set("Volume", volume)).assertNext(change -> {
                assertThat(change.seq()).isEqualTo(seq);
                assertThat(change.properties().toMap()).containsExactly(Map.entry("Volume", volume));
            });
        }
        steps.thenCancel().verify(WAIT);
        Await.until("publisher saw the UNSUBSCRIBE", () -> publisher.subscriptionCount() == 0);
    }

    @Test
    @DisplayName("status snapshots: the subscriber's subscription and the publisher's, with SID, SEQ and expiry")
    void statusSnapshots() {
        StepVerifier.create(fixture.subscriber.subscribe(url))
                .consumeNextWith(initial -> sid.set(initial.sid()))
                .then(() -> state.set("Volume", "7"))
                .assertNext(change -> assertThat(change.seq()).isEqualTo(1))
                .then(() -> {
                    assertThat(fixture.subscriber.subscriptions())
                            .containsExactly(new SourceSubscription(url, "ACTIVE", sid.get(), 1, 1800, 0));
                    publisherClock.advance(Duration.ofSeconds(100));
                    assertThat(publisher.subscriptions()).singleElement().satisfies(held -> {
                        assertThat(held.sid()).isEqualTo(sid.get());
                        assertThat(held.path()).isEqualTo("/upnp/event/rcs");
                        assertThat(held.callbacks()).singleElement().asString().startsWith("http://127.0.0.1:")
                                .contains("/upnp/callback/");
                        assertThat(held.requester()).isEqualTo("127.0.0.1");
                        assertThat(held.seq()).as("SEQ of the next NOTIFY").isEqualTo(2);
                        assertThat(held.failures()).isZero();
                        assertThat(held.expiresInSeconds()).isEqualTo(1700);
                    });
                })
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    @DisplayName("gena.md: the subscriber renews at about half the granted time (virtual clock), keeping the SID")
    void renewsAtHalfTime() {
        StepVerifier.create(fixture.subscriber.subscribe(url))
                .consumeNextWith(initial -> sid.set(initial.sid()))
                .then(() -> {
                    Await.until("renewal armed", () -> fixture.timer.pending() == 1);
                    fixture.timer.advance(Duration.ofSeconds(809));
                    assertThat(renewals()).as("no renewal before 900 s - 10 %").isZero();
                    fixture.timer.advance(Duration.ofSeconds(182));
                    Await.until("one renewal", () -> renewals() == 1);
                    Await.until("next renewal armed", () -> fixture.timer.pending() == 1);
                    fixture.timer.advance(Duration.ofSeconds(991));
                    Await.until("two renewals", () -> renewals() == 2);
                    assertThat(publisher.sids("/upnp/event/rcs")).containsExactly(sid.get());
                    state.set("Volume", "1");
                })
                .assertNext(change -> {
                    assertThat(change.sid()).isEqualTo(sid.get());
                    assertThat(change.seq()).isEqualTo(1);
                })
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    @DisplayName("gena.md: a renewal answered 412 (publisher lost the SID) gives a gap signal and a new subscription")
    void renewal412() {
        StepVerifier.create(fixture.subscriber.subscribe(url))
                .consumeNextWith(initial -> sid.set(initial.sid()))
                .then(() -> {
                    assertThat(new GenaClient("http://127.0.0.1:" + device.port()).send("UNSUBSCRIBE",
                            "/upnp/event/rcs", Map.of("SID", sid.get())).status()).isEqualTo(200);
                    Await.until("renewal armed", () -> fixture.timer.pending() == 1);
                    fixture.timer.advance(Duration.ofSeconds(1000));
                })
                .assertNext(gap -> {
                    assertThat(gap.isGap()).isTrue();
                    assertThat(gap.gapReason()).isEqualTo(GenaEvent.GapReason.SUBSCRIPTION_LOST);
                    assertThat(gap.sid()).isEqualTo(sid.get());
                })
                .assertNext(initial -> {
                    assertThat(initial.isInitial()).isTrue();
                    assertThat(initial.sid()).isNotEqualTo(sid.get());
                })
                .thenCancel()
                .verify(WAIT);
        assertThat(fixture.counter("tributary.upnp.subscriber.gaps", "reason", "subscription-lost")).isEqualTo(1);
    }

    @Test
    @DisplayName("UDA §4.3.2: a SEQ gap is signalled, the old SID unsubscribed and a fresh initial event follows")
    void seqGap() {
        StepVerifier.create(fixture.subscriber.subscribe(url))
                .consumeNextWith(initial -> sid.set(initial.sid()))
                .then(() -> {
                    PublisherTestHooks.nextSeq(publisher, sid.get(), 7);
                    state.set("Volume", "8");
                })
                .assertNext(gap -> assertThat(gap.gapReason()).isEqualTo(GenaEvent.GapReason.SEQ_GAP))
                .assertNext(skipped -> {
                    assertThat(skipped.seq()).isEqualTo(7);
                    assertThat(skipped.properties().toMap()).containsExactly(Map.entry("Volume", "8"));
                })
                .assertNext(initial -> {
                    assertThat(initial.isInitial()).isTrue();
                    assertThat(initial.sid()).isNotEqualTo(sid.get());
                    assertThat(initial.properties().toMap()).containsExactly(Map.entry("Volume", "8"));
                })
                .thenCancel()
                .verify(WAIT);
        Await.until("old SID unsubscribed", () -> !publisher.sids("/upnp/event/rcs").contains(sid.get()));
    }
}
