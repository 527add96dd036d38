package io.tributary.upnp.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tributary.upnp.testing.CallbackReceiver.Notify;
import io.tributary.upnp.testing.GenaClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubscribeStatusCodesTest {

    private final PublisherFixture fixture = new PublisherFixture(PublisherConfig.defaults()
            .with(PublisherConfig.MAX_SUBSCRIPTIONS, 3).with(PublisherConfig.MAX_SUBSCRIPTIONS_PER_REQUESTER, 2));
    private final String callback = "<" + fixture.receiver.url("/cb") + ">";

    @AfterEach
    void close() {
        fixture.close();
    }

    private Answer send(String method, Map<String, String> headers) {
        return fixture.client.send(method, PublisherFixture.PATH, headers);
    }

    @Test
    @DisplayName("UDA §4.1.2: SUBSCRIBE answers 200 with a uuid SID, TIMEOUT Second-1800 and CONTENT-LENGTH 0")
    void subscribeOk() throws Exception {
        Answer answer = fixture.client.subscribe(PublisherFixture.PATH, callback);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.sid()).matches("uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(answer.headers().get("TIMEOUT")).isEqualTo("Second-1800");
        assertThat(answer.headers().get("Content-Length")).isEqualTo("0");
        assertThat(answer.headers().get("Server")).contains("UPnP/1.1").contains("Tributary/");
        assertThat(answer.headers().get("Date")).isNotBlank();
        Notify initial = fixture.receiver.next("/cb");
        assertThat(initial.sid()).isEqualTo(answer.sid());
        assertThat(initial.seq()).isZero();
        assertThat(initial.properties().toMap()).containsExactly(Map.entry("Volume", "42"));
        assertThat(fixture.counter("tributary.upnp.subscribe", "type", "new")).isEqualTo(1);
        assertThat(fixture.gauge("tributary.upnp.subscriptions")).isEqualTo(1);
    }

    @Test
    @DisplayName("UDA §4.1.2: the granted TIMEOUT is clamped to the configured range and never infinite")
    void timeoutClamped() {
        assertThat(granted("Second-5")).isEqualTo("Second-1800");
        assertThat(granted("Second-2400")).isEqualTo("Second-2400");
        assertThat(granted("Second-999999")).isEqualTo("Second-3600");
        assertThat(granted("Second-infinite")).isEqualTo("Second-1800");
        assertThat(granted("bogus")).isEqualTo("Second-1800");
    }

    private String granted(String timeout) {
        Answer answer = send("SUBSCRIBE", Map.of("NT", "upnp:event", "CALLBACK", callback, "TIMEOUT", timeout));
        assertThat(send("UNSUBSCRIBE", Map.of("SID", answer.sid())).status()).isEqualTo(200);
        return answer.headers().get("TIMEOUT");
    }

    @Test
    @DisplayName("UDA §4.1.2: SID together with NT or CALLBACK is 400 on SUBSCRIBE and on UNSUBSCRIBE")
    void incompatibleHeaders() {
        String sid = fixture.client.subscribe(PublisherFixture.PATH, callback).sid();
        assertThat(send("SUBSCRIBE", Map.of("SID", sid, "NT", "upnp:event")).status()).isEqualTo(400);
        assertThat(send("SUBSCRIBE", Map.of("SID", sid, "CALLBACK", callback)).status()).isEqualTo(400);
        assertThat(send("UNSUBSCRIBE", Map.of("SID", sid, "NT", "upnp:event")).status()).isEqualTo(400);
        assertThat(send("UNSUBSCRIBE", Map.of("SID", sid, "CALLBACK", callback)).status()).isEqualTo(400);
        assertThat(fixture.counter("tributary.upnp.rejected", "reason", "incompatible-headers")).isEqualTo(4);
    }

    @Test
    @DisplayName("UDA §4.1.2: NT missing or not upnp:event is 412")
    void ntInvalid() {
        assertThat(send("SUBSCRIBE", Map.of("CALLBACK", callback)).status()).isEqualTo(412);
        assertThat(send("SUBSCRIBE", Map.of("NT", "upnp:rootdevice", "CALLBACK", callback)).status())
                .isEqualTo(412);
        assertThat(fixture.counter("tributary.upnp.rejected", "reason", "nt-invalid")).isEqualTo(2);
        assertThat(fixture.publisher.subscriptionCount()).isZero();
    }

    @Test
    @DisplayName("UDA §4.1.2: CALLBACK missing or without a valid http:// URL is 412")
    void callbackInvalid() {
        assertThat(send("SUBSCRIBE", Map.of("NT", "upnp:event")).status()).isEqualTo(412);
        assertThat(send("SUBSCRIBE", Map.of("NT", "upnp:event", "CALLBACK", "http://127.0.0.1/no-brackets"))
                .status()).isEqualTo(412);
        assertThat(send("SUBSCRIBE", Map.of("NT", "upnp:event", "CALLBACK", "<ftp://127.0.0.1/x>")).status())
                .isEqualTo(412);
        assertThat(send("SUBSCRIBE", Map.of("NT", "upnp:event", "CALLBACK", "<http://[zz/x>")).status())
                .isEqualTo(412);
        assertThat(fixture.counter("tributary.upnp.rejected", "reason", "callback-missing")).isEqualTo(2);
        assertThat(fixture.counter("tributary.upnp.rejected", "reason", "callback-scheme")).isEqualTo(1);
        assertThat(fixture.counter("tributary.upnp.rejected", "reason", "callback-malformed")).isEqualTo(1);
    }

    @Test
    @DisplayName("UDA §4.1.3: renewal answers 200 with the same SID and a new TIMEOUT; unknown SID is 412")
    void renewal() {
        String sid = fixture.client.subscribe(PublisherFixture.PATH, callback).sid();
        Answer renewed = send("SUBSCRIBE", Map.of("SID", sid, "TIMEOUT", "Second-3000"));
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.sid()).isEqualTo(sid);
        assertThat(renewed.headers().get("TIMEOUT")).isEqualTo("Second-3000");
        assertThat(send("SUBSCRIBE", Map.of("SID", "uuid:00000000-0000-0000-0000-000000000000")).status())
                .isEqualTo(412);
        assertThat(fixture.counter("tributary.upnp.subscribe", "type", "renew")).isEqualTo(1);
        assertThat(fixture.counter("tributary.upnp.rejected", "reason", "unknown-sid")).isEqualTo(1);
    }

    @Test
    @DisplayName("UDA §4.1.4: UNSUBSCRIBE is 200, a second UNSUBSCRIBE and a renewal after it are 412, no SID is 412")
    void unsubscribe() {
        String sid = fixture.client.subscribe(PublisherFixture.PATH, callback).sid();
        assertThat(send("UNSUBSCRIBE", Map.of("SID", sid)).status()).isEqualTo(200);
        assertThat(send("UNSUBSCRIBE", Map.of("SID", sid)).status()).isEqualTo(412);
        assertThat(send("SUBSCRIBE", Map.of("SID", sid)).status()).isEqualTo(412);
        assertThat(send("UNSUBSCRIBE", Map.of()).status()).isEqualTo(412);
        assertThat(fixture.counter("tributary.upnp.rejected", "reason", "sid-missing")).isEqualTo(1);
        assertThat(fixture.counter("tributary.upnp.subscriptions.ended", "reason", "unsubscribed")).isEqualTo(1);
        assertThat(fixture.publisher.subscriptionCount()).isZero();
    }

    @Test
    @DisplayName("gena.md: 503 once the per-requester limit, then the total limit, is reached; places free on UNSUBSCRIBE")
    void limits() {
        String first = fixture.client.subscribe(PublisherFixture.PATH, callback).sid();
        assertThat(fixture.client.subscribe(PublisherFixture.PATH, callback).status()).isEqualTo(200);
        assertThat(fixture.client.subscribe(PublisherFixture.PATH, callback).status()).isEqualTo(503);
        assertThat(fixture.counter("tributary.upnp.rejected", "reason", "limit-requester")).isEqualTo(1);
        assertThat(send("UNSUBSCRIBE", Map.of("SID", first)).status()).isEqualTo(200);
        assertThat(fixture.client.subscribe(PublisherFixture.PATH, callback).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("gena.md: the total subscription limit answers 503")
    void totalLimit() {
        PublisherFixture wide = new PublisherFixture(PublisherConfig.defaults()
                .with(PublisherConfig.MAX_SUBSCRIPTIONS, 2));
        try {
            String cb = "<" + wide.receiver.url("/cb") + ">";
            assertThat(wide.client.subscribe(PublisherFixture.PATH, cb).status()).isEqualTo(200);
            assertThat(wide.client.subscribe(PublisherFixture.PATH, cb).status()).isEqualTo(200);
            assertThat(wide.client.subscribe(PublisherFixture.PATH, cb).status()).isEqualTo(503);
            assertThat(wide.counter("tributary.upnp.rejected", "reason", "limit-total")).isEqualTo(1);
        } finally {
            wide.close();
        }
    }

    @Test
    @DisplayName("any other method on an event URL is 405 with Allow: SUBSCRIBE, UNSUBSCRIBE")
    void otherMethod() {
        Answer answer = send("GET", Map.of());
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.headers().get("Allow")).isEqualTo("SUBSCRIBE, UNSUBSCRIBE");
        assertThat(fixture.client.send("SUBSCRIBE", "/upnp/event/other", Map.of("NT", "upnp:event",
                "CALLBACK", callback)).status()).isEqualTo(404);
    }
}
