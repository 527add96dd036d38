package io.tributary.upnp.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import io.tributary.upnp.net.Cidr;
import io.tributary.upnp.testing.CallbackReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallStrangerTest {

    private PublisherFixture fixture = new PublisherFixture(PublisherConfig.defaults());

    @AfterEach
    void close() {
        fixture.close();
    }

    private int subscribe(String callback) {
        return fixture.client.subscribe(PublisherFixture.PATH, callback).status();
    }

    private double rejected(String reason) {
        return fixture.counter("tributary.upnp.rejected", "reason", reason);
    }

    @Test
    @DisplayName("UDA 2.0 §4.1.1: a callback outside the listener's subnet and not the requester is refused with 412")
    void outOfScope() {
        assertThat(subscribe("<http://192.0.2.10:8080/steal>")).isEqualTo(412);
        assertThat(subscribe("<http://[2001:db8::1]/x>")).isEqualTo(412);
        assertThat(rejected("callback-out-of-scope")).isEqualTo(2);
        assertThat(fixture.publisher.subscriptionCount()).isZero();
    }

    @Test
    @DisplayName("CallStranger: host names are refused without being resolved")
    void hostName() {
        assertThat(subscribe("<http://localhost:1/x>")).isEqualTo(412);
        assertThat(subscribe("<http://attacker.invalid/x>")).isEqualTo(412);
        assertThat(rejected("callback-host-name")).isEqualTo(2);
    }

    @Test
    @DisplayName("CallStranger: only http:// URLs, at most 6 of at most 256 bytes each")
    void shapes() {
        String ok = "<" + fixture.receiver.url("/a") + ">";
        assertThat(subscribe("<https://127.0.0.1/x>")).isEqualTo(412);
        assertThat(subscribe(ok.repeat(7))).isEqualTo(412);
        assertThat(subscribe("<http://127.0.0.1:1/" + "x".repeat(250) + ">")).isEqualTo(412);
        assertThat(subscribe("<http://user@127.0.0.1/x>")).isEqualTo(412);
        assertThat(rejected("callback-scheme")).isEqualTo(1);
        assertThat(rejected("callback-too-many")).isEqualTo(1);
        assertThat(rejected("callback-too-long")).isEqualTo(1);
        assertThat(rejected("callback-malformed")).isEqualTo(1);
        assertThat(subscribe(ok.repeat(6))).isEqualTo(200);
    }

    @Test
    @DisplayName("CallStranger: refused URLs are dropped from a list that still holds a usable one; NOTIFY never goes there")
    void mixedList() throws Exception {
        String callback = "<http://192.0.2.10/steal><" + fixture.receiver.url("/good") + ">";
        assertThat(subscribe(callback)).isEqualTo(200);
        assertThat(fixture.receiver.next("/good").seq()).isZero();
        assertThat(fixture.counter("tributary.upnp.callback.dropped", "reason", "callback-out-of-scope"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("scope SUBNET accepts another host of the listener's subnet; scope REQUESTER refuses it")
    void requesterScope() throws Exception {
        try (CallbackReceiver other = CallbackReceiver.start("127.0.0.2")) {
            assertThat(subscribe("<" + other.url("/x") + ">")).isEqualTo(200);
            assertThat(other.next("/x").seq()).isZero();
            close();
            fixture = new PublisherFixture(PublisherConfig.defaults().with(PublisherConfig.CALLBACK_SCOPE,
                    CallbackScope.REQUESTER));
            assertThat(subscribe("<" + other.url("/x") + ">")).isEqualTo(412);
            assertThat(subscribe("<" + fixture.receiver.url("/self") + ">")).isEqualTo(200);
            close();
            fixture = new PublisherFixture(PublisherConfig.defaults()
                    .with(PublisherConfig.CALLBACK_SCOPE, CallbackScope.REQUESTER)
                    .with(PublisherConfig.ALLOWED_NETWORKS, List.of(Cidr.parse("127.0.0.2/32"))));
            assertThat(subscribe("<" + other.url("/x") + ">")).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("DNS rebinding: a Host header not naming the listener is refused with 400; the listener's literal is fine")
    void hostHeader() {
        String callback = "<" + fixture.receiver.url("/a") + ">";
        assertThat(fixture.client.send("SUBSCRIBE", PublisherFixture.PATH, Map.of("Host", "evil.example:80",
                "NT", "upnp:event", "CALLBACK", callback)).status()).isEqualTo(400);
        assertThat(fixture.client.send("SUBSCRIBE", PublisherFixture.PATH, Map.of("Host", "127.0.0.2",
                "NT", "upnp:event", "CALLBACK", callback)).status()).isEqualTo(400);
        assertThat(fixture.client.send("UNSUBSCRIBE", PublisherFixture.PATH, Map.of("Host", "evil.example",
                "SID", "uuid:x")).status()).isEqualTo(400);
        assertThat(rejected("host-header")).isEqualTo(3);
        assertThat(fixture.client.send("SUBSCRIBE", PublisherFixture.PATH, Map.of("Host", "127.0.0.1:9",
                "NT", "upnp:event", "CALLBACK", callback)).status()).isEqualTo(200);
        close();
        fixture = new PublisherFixture(PublisherConfig.defaults().with(PublisherConfig.ALLOWED_HOSTS,
                List.of("Gateway.LAN")));
        assertThat(fixture.client.send("SUBSCRIBE", PublisherFixture.PATH, Map.of("Host", "gateway.lan:8080",
                "NT", "upnp:event", "CALLBACK", "<" + fixture.receiver.url("/a") + ">")).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Cidr parses networks without resolving and tests membership")
    void cidr() throws Exception {
        Cidr net = Cidr.parse("192.168.1.0/24");
        assertThat(net.contains(InetAddress.getByName("192.168.1.77"))).isTrue();
        assertThat(net.contains(InetAddress.getByName("192.168.2.1"))).isFalse();
        assertThat(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(InetAddress.getByName("::ffff:10.1.2.3"))).isTrue();
        assertThatThrownBy(() -> Cidr.parse("example.com/8"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
