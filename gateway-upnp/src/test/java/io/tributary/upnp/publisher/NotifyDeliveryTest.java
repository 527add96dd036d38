package io.tributary.upnp.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tributary.upnp.http.GenaHeaders;
import io.tributary.upnp.testing.Await;
import io.tributary.upnp.testing.CallbackReceiver;
import io.tributary.upnp.testing.CallbackReceiver.Notify;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotifyDeliveryTest {

    private PublisherFixture fixture = new PublisherFixture(PublisherConfig.defaults()
            .with(PublisherConfig.QUEUE_CAPACITY, 4).with(PublisherConfig.NOTIFY_CONNECT_TIMEOUT, Duration.ofSeconds(2))
            .with(PublisherConfig.NOTIFY_TIMEOUT, Duration.ofSeconds(5)));

    @AfterEach
    void close() {
        fixture.close();
    }

    private String subscribe(String path) {
        return fixture.client.subscribe(PublisherFixture.PATH, "<" + fixture.receiver.url(path) + ">").sid();
    }

    @Test
    @DisplayName("UDA §4.3.2: NOTIFY carries NT upnp:event, NTS upnp:propchange, SID, SEQ and text/xml; charset=\"utf-8\"")
    void notifyHeaders() throws Exception {
        String sid = subscribe("/a");
        Notify initial = fixture.receiver.next("/a");
        assertThat(initial.method()).isEqualTo("NOTIFY");
        assertThat(initial.headers().get("NT")).isEqualTo("upnp:event");
        assertThat(initial.headers().get("NTS")).isEqualTo("upnp:propchange");
        assertThat(initial.headers().get("SID")).isEqualTo(sid);
        assertThat(initial.headers().get("SEQ")).isEqualTo("0");
        assertThat(initial.headers().get("Content-Type")).isEqualTo("text/xml; charset=\"utf-8\"");
        assertThat(initial.headers().get("Content-Length")).isEqualTo(String.valueOf(initial.body().length));
        assertThat(initial.headers().get("Transfer-Encoding")).isNull();
        assertThat(initial.text()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><e:propertyset");
    }

    @Test
    @DisplayName("UDA §4.3.2: the initial event has SEQ 0 and every variable; each change adds one message, SEQ +1")
    void sequence() throws Exception {
        fixture.state.set("Mute", "0");
        subscribe("/a");
        assertThat(fixture.receiver.next("/a").properties().toMap()).containsOnlyKeys("Volume", "Mute");
        for (int i = 1; i <= 3; i++) {
            fixture.state.set("Volume", String.valueOf(40 + i));
            Notify change = fixture.receiver.next("/a");
            assertThat(change.seq()).isEqualTo(i);
            assertThat(change.properties().toMap()).containsExactly(Map.entry("Volume", String.valueOf(40 + i)));
        }
        Await.until("4 NOTIFY counted as sent", () -> fixture.counter("tributary.upnp.notify", "outcome", "sent") == 4);
    }

    @Test
    @DisplayName("UDA §4.3.2: SEQ wraps from 4294967295 to 1, never back to 0")
    void seqWrap() throws Exception {
        String sid = subscribe("/a");
        fixture.receiver.next("/a");
        fixture.publisher.nextSeq(sid, GenaHeaders.MAX_SEQ);
        fixture.state.set("Volume", "1");
        fixture.state.set("Volume", "2");
        fixture.state.set("Volume", "3");
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seqs.add(fixture.receiver.next("/a").seq());
        }
        assertThat(seqs).containsExactly(4_294_967_295L, 1L, 2L);
    }

    @Test
    @DisplayName("gena.md: a slow subscriber never delays the others; its own events stay in order and coalesce")
    void slowSubscriber() throws Exception {
        subscribe("/fast");
        fixture.receiver.next("/fast");
        fixture.receiver.hold("/slow");
        subscribe("/slow");
        fixture.receiver.next("/slow"); // the initial event arrives, its answer is held
        for (int i = 1; i <= 20; i++) {
            fixture.state.set("Volume", String.valueOf(i));
        }
        List<Notify> fast = untilVolume("/fast", "20");
        assertThat(fast).extracting(Notify::seq).isEqualTo(seqs(fast.size()));
        assertThat(fast).extracting(n -> Integer.parseInt(n.properties().get("Volume"))).isSorted();
        assertThat(fixture.receiver.waiting("/slow")).isZero(); // one in flight: nothing more was sent
        fixture.receiver.release("/slow");
        List<Notify> slow = untilVolume("/slow", "20");
        assertThat(slow).extracting(Notify::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(slow).extracting(n -> Integer.parseInt(n.properties().get("Volume"))).isSorted();
        assertThat(fixture.counter("tributary.upnp.notify.coalesced")).isGreaterThanOrEqualTo(16);
    }

    @Test
    @DisplayName("UDA §4.3.2: callback URLs are tried in order until one accepts")
    void failover() throws Exception {
        CallbackReceiver dead = CallbackReceiver.start();
        String deadUrl = dead.url("/gone");
        dead.close();
        fixture.receiver.answer("/refuses", 500);
        fixture.client.subscribe(PublisherFixture.PATH, "<" + deadUrl + "><" + fixture.receiver.url("/refuses")
                + "><" + fixture.receiver.url("/ok") + ">");
        assertThat(fixture.receiver.next("/refuses").seq()).isZero();
        assertThat(fixture.receiver.next("/ok").seq()).isZero();
        fixture.state.set("Volume", "7");
        assertThat(fixture.receiver.next("/ok").seq()).isEqualTo(1);
        assertThat(fixture.counter("tributary.upnp.notify", "outcome", "failed")).isZero();
    }

    @Test
    @DisplayName("gena.md: a 412 answer to NOTIFY ends the subscription on the publisher")
    void preconditionFailedEnds() throws Exception {
        fixture.receiver.answer("/a", 412);
        String sid = subscribe("/a");
        fixture.receiver.next("/a");
        awaitEnded(sid);
        assertThat(fixture.counter("tributary.upnp.subscriptions.ended", "reason", "refused")).isEqualTo(1);
        assertThat(fixture.client.send("SUBSCRIBE", PublisherFixture.PATH, Map.of("SID", sid)).status())
                .isEqualTo(412);
    }

    @Test
    @DisplayName("gena.md: repeated undeliverable messages end the subscription; each failure still uses a SEQ")
    void repeatedFailuresEnd() throws Exception {
        fixture.receiver.answer("/a", 500);
        String sid = subscribe("/a");
        assertThat(fixture.receiver.next("/a").seq()).isZero();
        fixture.state.set("Volume", "1");
        assertThat(fixture.receiver.next("/a").seq()).isEqualTo(1);
        fixture.state.set("Volume", "2");
        assertThat(fixture.receiver.next("/a").seq()).isEqualTo(2);
        awaitEnded(sid);
        assertThat(fixture.counter("tributary.upnp.subscriptions.ended", "reason", "undeliverable")).isEqualTo(1);
        Await.until("3 NOTIFY counted as failed",
                () -> fixture.counter("tributary.upnp.notify", "outcome", "failed") == 3);
    }

    @Test
    @DisplayName("gena.md: many quick changes reach the subscriber strictly in order, one NOTIFY at a time")
    void ordering() throws Exception {
        close();
        fixture = new PublisherFixture(PublisherConfig.defaults().with(PublisherConfig.QUEUE_CAPACITY, 500));
        subscribe("/a");
        fixture.receiver.next("/a");
        for (int i = 1; i <= 200; i++) {
            fixture.state.set("Volume", String.valueOf(i));
        }
        for (int i = 1; i <= 200; i++) {
            Notify notify = fixture.receiver.next("/a");
            assertThat(notify.seq()).isEqualTo(i);
            assertThat(notify.properties().get("Volume")).isEqualTo(String.valueOf(i));
        }
    }

    private List<Notify> untilVolume(String path, String volume) throws InterruptedException {
        List<Notify> received = new ArrayList<>();
        Notify last;
        do {
            last = fixture.receiver.next(path);
            received.add(last);
        } while (!volume.equals(last.properties().get("Volume")));
        return received;
    }

    private static List<Long> seqs(int count) {
        List<Long> seqs = new ArrayList<>();
        for (long i = 1; i <= count; i++) {
            seqs.add(i);
        }
        return seqs;
    }

    private void awaitEnded(String sid) {
        Await.until("subscription " + sid + " ended", () -> !fixture.publisher.sids(PublisherFixture.PATH).contains(sid));
    }
}
