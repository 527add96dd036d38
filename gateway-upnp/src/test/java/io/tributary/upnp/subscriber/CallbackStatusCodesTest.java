package io.tributary.upnp.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tributary.upnp.testing.Await;
import io.tributary.upnp.testing.FakePublisher;
import io.tributary.upnp.testing.GenaClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;

class CallbackStatusCodesTest {

    private static final byte[] BODY = ("<?xml version=\"1.0\"?><e:propertyset xmlns:e=\"urn:schemas-upnp-org:"
            + "event-1-0\"><e:property><Volume>42</Volume></e:property></e:propertyset>")
            .getBytes(StandardCharsets.UTF_8);

    private final FakePublisher publisher = new FakePublisher();
    private SubscriberFixture fixture = new SubscriberFixture(settings -> settings
            .with(SubscriberConfig.MAX_BODY_SIZE, 1024));
    private final BlockingQueue<GenaEvent> events = new LinkedBlockingQueue<>();
    private Disposable subscription;

    @AfterEach
    void close() {
        if (subscription != null) {
            subscription.dispose();
        }
        fixture.close();
        publisher.close();
    }

    private FakePublisher.Request subscribe() throws InterruptedException {
        subscription = fixture.subscriber.subscribe(publisher.url()).subscribe(events::add);
        return publisher.next();
    }

    private Answer notify(String path, Map<String, String> headers, byte[] body) {
        return fixture.client.send("NOTIFY", path, headers, body);
    }

    private static Map<String, String> headers(String sid, String seq) {
        Map<String, String> headers = new HashMap<>();
        headers.put("NT", "upnp:event");
        headers.put("NTS", "upnp:propchange");
        headers.put("SID", sid);
        headers.put("SEQ", seq);
        headers.put("Content-Type", "text/xml; charset=\"utf-8\"");
        return headers;
    }

    private GenaEvent next() throws InterruptedException {
        GenaEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }

    /** The UNSUBSCRIBE of the old SID and the new SUBSCRIBE leave at once; either may arrive first. */
    private Map<String, FakePublisher.Request> nextTwo() throws InterruptedException {
        Map<String, FakePublisher.Request> byMethod = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            FakePublisher.Request request = publisher.next();
            byMethod.put(request.method(), request);
        }
        assertThat(byMethod).containsOnlyKeys("UNSUBSCRIBE", "SUBSCRIBE");
        return byMethod;
    }

    private void awaitSubscribed() {
        Await.until("subscribed", () -> fixture.subscriber.activeSubscriptions() == 1);
    }

    private static String token(FakePublisher.Request request) {
        return request.callbackPath().substring(GenaSubscriber.CALLBACK_PATH.length());
    }

    @Test
    @DisplayName("UDA §4.1.2: SUBSCRIBE carries NT upnp:event, TIMEOUT and a CALLBACK on the callback path")
    void subscribeRequest() throws Exception {
        FakePublisher.Request request = subscribe();
        assertThat(request.method()).isEqualTo("SUBSCRIBE");
        assertThat(request.headers().get("NT")).isEqualTo("upnp:event");
        assertThat(request.headers().get("TIMEOUT")).isEqualTo("Second-1800");
        assertThat(request.headers().get("CALLBACK"))
                .matches("<http://127\\.0\\.0\\.1:" + fixture.server.port() + "/upnp/callback/[0-9a-f]{32}>");
        assertThat(request.headers().get("Host")).isEqualTo("127.0.0.1:" + publisher.url().getPort());
    }

    @Test
    @DisplayName("UDA §4.3.2: a valid NOTIFY is answered 200 and passed on in order")
    void accepted() throws Exception {
        FakePublisher.Request request = subscribe();
        awaitSubscribed();
        assertThat(notify(request.callbackPath(), headers(request.sid(), "0"), BODY).status()).isEqualTo(200);
        GenaEvent event = next();
        assertThat(event.isInitial()).isTrue();
        assertThat(event.sid()).isEqualTo("uuid:fake-1");
        assertThat(event.properties().get("Volume")).isEqualTo("42");
        assertThat(notify(request.callbackPath(), headers(request.sid(), "0"), BODY).status())
                .as("a repeated delivery is acknowledged and dropped").isEqualTo(200);
        assertThat(notify(request.callbackPath(), headers(request.sid(), "1"), BODY).status()).isEqualTo(200);
        assertThat(next().seq()).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    @DisplayName("UDA §4.3.2: after SEQ 4294967295 the next expected SEQ is 1; 0 there is a gap")
    void seqWrap() throws Exception {
        FakePublisher.Request request = subscribe();
        awaitSubscribed();
        fixture.subscriber.session(token(request)).expectNext(4_294_967_295L);
        assertThat(notify(request.callbackPath(), headers(request.sid(), "4294967295"), BODY).status())
                .isEqualTo(200);
        assertThat(next().seq()).isEqualTo(4_294_967_295L);
        assertThat(notify(request.callbackPath(), headers(request.sid(), "1"), BODY).status()).isEqualTo(200);
        assertThat(next().seq()).isEqualTo(1);
        assertThat(notify(request.callbackPath(), headers(request.sid(), "0"), BODY).status()).isEqualTo(200);
        assertThat(next().gapReason()).isEqualTo(GenaEvent.GapReason.SEQ_GAP);
    }

    @Test
    @DisplayName("UDA §4.3.2: NT or NTS missing is 400; NT or NTS wrong is 412")
    void ntNts() throws Exception {
        FakePublisher.Request request = subscribe();
        awaitSubscribed();
        Map<String, String> noNt = headers(request.sid(), "0");
        noNt.remove("NT");
        assertThat(notify(request.callbackPath(), noNt, BODY).status()).isEqualTo(400);
        Map<String, String> noNts = headers(request.sid(), "0");
        noNts.remove("NTS");
        assertThat(notify(request.callbackPath(), noNts, BODY).status()).isEqualTo(400);
        Map<String, String> wrongNt = headers(request.sid(), "0");
        wrongNt.put("NT", "upnp:other");
        assertThat(notify(request.callbackPath(), wrongNt, BODY).status()).isEqualTo(412);
        Map<String, String> wrongNts = headers(request.sid(), "0");
        wrongNts.put("NTS", "ssdp:alive");
        assertThat(notify(request.callbackPath(), wrongNts, BODY).status()).isEqualTo(412);
        assertThat(fixture.counter("tributary.upnp.callback.rejected", "reason", "nt-nts-missing")).isEqualTo(2);
        assertThat(fixture.counter("tributary.upnp.callback.rejected", "reason", "nt-nts-invalid")).isEqualTo(2);
    }

    @Test
    @DisplayName("UDA §4.3.2: an unknown SID, a missing SID or an unknown callback path is 412")
    void unknownSid() throws Exception {
        FakePublisher.Request request = subscribe();
        awaitSubscribed();
        assertThat(notify(request.callbackPath(), headers("uuid:other", "0"), BODY).status()).isEqualTo(412);
        Map<String, String> noSid = headers(request.sid(), "0");
        noSid.remove("SID");
        assertThat(notify(request.callbackPath(), noSid, BODY).status()).isEqualTo(412);
        assertThat(notify("/upnp/callback/0000", headers(request.sid(), "0"), BODY).status()).isEqualTo(412);
        assertThat(fixture.counter("tributary.upnp.callback.rejected", "reason", "unknown-sid")).isEqualTo(3);
    }

    @Test
    @DisplayName("a SEQ that is not a 32-bit number is 400, a body over the cap is 413, another method is 405")
    void malformedRequests() throws Exception {
        FakePublisher.Request request = subscribe();
        awaitSubscribed();
        assertThat(notify(request.callbackPath(), headers(request.sid(), "x"), BODY).status()).isEqualTo(400);
        assertThat(notify(request.callbackPath(), headers(request.sid(), "4294967296"), BODY).status())
                .isEqualTo(400);
        assertThat(notify(request.callbackPath(), headers(request.sid(), "0"), new byte[2048]).status())
                .isEqualTo(413);
        assertThat(fixture.client.send("GET", request.callbackPath(), Map.of()).status()).isEqualTo(405);
        assertThat(fixture.counter("tributary.upnp.callback.rejected", "reason", "body-too-large")).isEqualTo(1);
    }

    @Test
    @DisplayName("an unreadable body or one with a DTD is 400, signalled as a gap, and the subscriber subscribes again")
    void malformedBody() throws Exception {
        FakePublisher.Request request = subscribe();
        awaitSubscribed();
        byte[] dtd = ("<!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><e:propertyset xmlns:e="
                + "\"urn:schemas-upnp-org:event-1-0\"><e:property><A>&x;</A></e:property></e:propertyset>")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(notify(request.callbackPath(), headers(request.sid(), "0"), dtd).status()).isEqualTo(400);
        GenaEvent gap = next();
        assertThat(gap.isGap()).isTrue();
        assertThat(gap.gapReason()).isEqualTo(GenaEvent.GapReason.MALFORMED_EVENT);
        Map<String, FakePublisher.Request> both = nextTwo();
        assertThat(both.get("UNSUBSCRIBE").headers().get("SID")).isEqualTo("uuid:fake-1");
        assertThat(both.get("SUBSCRIBE").sid()).isEqualTo("uuid:fake-2");
    }

    @Test
    @DisplayName("gena.md: a NOTIFY that arrives before the SUBSCRIBE answer is held until the SID is known")
    void notifyBeforeSubscribeAnswer() throws Exception {
        publisher.hold();
        FakePublisher.Request request = subscribe();
        SubscriptionSession session = fixture.subscriber.session(token(request));
        CompletableFuture<Answer> early = CompletableFuture.supplyAsync(
                () -> notify(request.callbackPath(), headers("uuid:fake-1", "0"), BODY));
        CompletableFuture<Answer> stranger = CompletableFuture.supplyAsync(
                () -> notify(request.callbackPath(), headers("uuid:somebody-else", "0"), BODY));
        Await.until("both NOTIFYs held", () -> session.heldNotifies() == 2);
        assertThat(events).isEmpty();
        assertThat(early).isNotDone();
        assertThat(stranger).isNotDone();
        publisher.release();
        assertThat(early.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(stranger.get(10, TimeUnit.SECONDS).status()).isEqualTo(412);
        GenaEvent event = next();
        assertThat(event.sid()).isEqualTo("uuid:fake-1");
        assertThat(event.isInitial()).isTrue();
    }

    @Test
    @DisplayName("UDA §4.1.4: cancelling the Flux sends UNSUBSCRIBE with the SID")
    void unsubscribeOnCancel() throws Exception {
        subscribe();
        awaitSubscribed();
        subscription.dispose();
        FakePublisher.Request unsubscribe = publisher.next();
        assertThat(unsubscribe.method()).isEqualTo("UNSUBSCRIBE");
        assertThat(unsubscribe.headers().get("SID")).isEqualTo("uuid:fake-1");
        assertThat(unsubscribe.headers().get("NT")).isNull();
        assertThat(unsubscribe.headers().get("CALLBACK")).isNull();
        assertThat(fixture.subscriber.activeSubscriptions()).isZero();
    }

    @Test
    @DisplayName("a refused SUBSCRIBE is tried again after the back-off, on the virtual clock")
    void backoff() throws Exception {
        publisher.answer(503);
        subscribe();
        Await.until("back-off armed", () -> fixture.timer.pending() == 1);
        fixture.timer.advance(Duration.ofMillis(999));
        assertThat(fixture.timer.pending()).isEqualTo(1);
        publisher.answer(200);
        fixture.timer.advance(Duration.ofMillis(1));
        assertThat(publisher.next().method()).isEqualTo("SUBSCRIBE");
        awaitSubscribed();
    }

    @Test
    @DisplayName("gena.md: a failed renewal is signalled as a gap; the old SID is unsubscribed and a new one taken")
    void failedRenewal() throws Exception {
        subscribe();
        awaitSubscribed();
        publisher.answerNext(500);
        Await.until("renewal armed", () -> fixture.timer.pending() == 1);
        fixture.timer.advance(Duration.ofSeconds(1000));
        FakePublisher.Request renewal = publisher.next();
        assertThat(renewal.method()).isEqualTo("SUBSCRIBE");
        assertThat(renewal.headers().get("SID")).isEqualTo("uuid:fake-1");
        assertThat(renewal.headers().get("NT")).isNull();
        assertThat(renewal.headers().get("CALLBACK")).isNull();
        GenaEvent gap = next();
        assertThat(gap.gapReason()).isEqualTo(GenaEvent.GapReason.RENEWAL_FAILED);
        Map<String, FakePublisher.Request> both = nextTwo();
        assertThat(both.get("UNSUBSCRIBE").headers().get("SID")).isEqualTo("uuid:fake-1");
        FakePublisher.Request again = both.get("SUBSCRIBE");
        assertThat(again.headers().get("NT")).isEqualTo("upnp:event");
        Await.until("subscribed again", () -> fixture.subscriber.activeSubscriptions() == 1);
        assertThat(fixture.counter("tributary.upnp.subscriber.gaps", "reason", "renewal-failed")).isEqualTo(1);
    }

    @Test
    @DisplayName("a consumer that falls behind gets events merged in the bounded buffer, newest values, order kept")
    void slowConsumer() throws Exception {
        BlockingQueue<GenaEvent> slow = new LinkedBlockingQueue<>();
        BaseSubscriber<GenaEvent> consumer = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription ignored) {
                // no demand yet: the consumer is busy
            }

            @Override
            protected void hookOnNext(GenaEvent event) {
                slow.add(event);
            }
        };
        fixture.close();
        fixture = new SubscriberFixture(settings -> settings.with(SubscriberConfig.BUFFER_CAPACITY, 2));
        fixture.subscriber.subscribe(publisher.url()).subscribe(consumer);
        FakePublisher.Request request = publisher.next();
        awaitSubscribed();
        for (int seq = 0; seq < 5; seq++) {
            byte[] body = ("<e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\"><e:property><Volume>" + seq
                    + "</Volume></e:property>" + (seq == 1 ? "<e:property><Mute>1</Mute></e:property>" : "")
                    + "</e:propertyset>").getBytes(StandardCharsets.UTF_8);
            assertThat(notify(request.callbackPath(), headers(request.sid(), String.valueOf(seq)), body).status())
                    .isEqualTo(200);
        }
        consumer.request(10);
        GenaEvent first = slow.poll(10, TimeUnit.SECONDS);
        GenaEvent merged = slow.poll(10, TimeUnit.SECONDS);
        assertThat(first.seq()).isZero();
        assertThat(merged.seq()).isEqualTo(4);
        assertThat(merged.properties().toMap()).containsEntry("Volume", "4").containsEntry("Mute", "1");
        assertThat(slow).isEmpty();
        assertThat(fixture.counter("tributary.upnp.subscriber.coalesced")).isEqualTo(3);
        consumer.dispose();
    }

    @Test
    @DisplayName("the advertised callback address replaces the connection's local address in CALLBACK")
    void advertisedAddress() throws Exception {
        try (SubscriberFixture docker = new SubscriberFixture(settings -> settings
                .with(SubscriberConfig.CALLBACK_ADDRESS, URI.create("http://192.0.2.7:18080")))) {
            Disposable d = docker.subscriber.subscribe(publisher.url()).subscribe();
            try {
                assertThat(publisher.next().headers().get("CALLBACK"))
                        .matches("<http://192\\.0\\.2\\.7:18080/upnp/callback/[0-9a-f]{32}>");
            } finally {
                d.dispose();
            }
        }
    }
}
