package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.tributary.coap.message.BlockOption;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.message.ObserveSequence;
import io.tributary.core.config.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The server side of Observe (RFC 7641) on a virtual clock. */
class ObserveLayerTest {

    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.40", 40000);
    static final InetSocketAddress OTHER = new InetSocketAddress("192.0.2.41", 40000);
    static final byte[] TOKEN = {4, 2};

    private int messageId = 100;

    /** A stack whose one resource is observable, its state "v0" in text/plain. */
    private static final class Server {
        final StackHarness harness;
        final ObservedStub resource;

        Server(Settings config) {
            ObservedStub[] holder = new ObservedStub[1];
            this.harness = new StackHarness(config, (request, peer, multicast) -> holder[0].responder()
                    .respond(request, peer, multicast));
            this.resource = new ObservedStub(harness.endpoint.observations());
            holder[0] = resource;
            resource.set(resource.text("v0"));
        }

        Server() {
            this(StackConfig.defaults().with(StackConfig.ACK_RANDOM_FACTOR, 1.0));
        }

        CoapMessage last() {
            return harness.last().message();
        }

        int relations() {
            return harness.stack.observeRelations();
        }

        long removed(RemovalReason reason) {
            return harness.endpoint.observations().removed(reason);
        }
    }

    private CoapMessage get(CoapType type, byte[] token, long observe, CoapOptions.Builder extra) {
        if (observe >= 0) {
            extra.addUint(CoapOption.OBSERVE, observe);
        }
        return CoapMessage.builder(type, CoapCode.GET).messageId(messageId++).token(token)
                .options(extra.uriPath("/obs").build()).build();
    }

    private CoapMessage register(Server server, CoapType type, InetSocketAddress from) {
        server.harness.stack.receive(get(type, TOKEN, 0, CoapOptions.builder()), from, false);
        return server.last();
    }

    private static long observe(CoapMessage message) {
        return message.options().uint(CoapOption.OBSERVE, -1);
    }

    @Nested
    class Relations {

        @Test
        @DisplayName("§3.1: GET with Observe 0 answered 2.05 registers; the response carries Observe")
        void registers() {
            Server server = new Server();
            CoapMessage response = register(server, CoapType.CON, CLIENT);
            assertThat(response.type()).isEqualTo(CoapType.ACK);
            assertThat(response.payloadUtf8()).isEqualTo("v0");
            assertThat(observe(response)).isEqualTo(2);
            assertThat(server.relations()).isEqualTo(1);
            assertThat(server.resource.observers()).isEqualTo(1);
            assertThat(server.harness.endpoint.observations().relations()).isEqualTo(1);
        }

        @Test
        @DisplayName("§4.1: the same peer and token again renews the one relation; its Observe values go on rising")
        void sameTokenReplaces() {
            Server server = new Server();
            long first = observe(register(server, CoapType.CON, CLIENT));
            long second = observe(register(server, CoapType.CON, CLIENT));
            assertThat(second).isGreaterThan(first);
            assertThat(server.relations()).isEqualTo(1);
            server.harness.stack.receive(get(CoapType.CON, new byte[] {5}, 0, CoapOptions.builder()), CLIENT, false);
            assertThat(server.relations()).as("another token is another relation").isEqualTo(2);
        }

        @Test
        @DisplayName("§3.6: GET with Observe 1 removes the relation and is answered without Observe")
        void deregisters() {
            Server server = new Server();
            register(server, CoapType.CON, CLIENT);
            server.harness.stack.receive(get(CoapType.CON, TOKEN, 1, CoapOptions.builder()), CLIENT, false);
            assertThat(server.last().payloadUtf8()).isEqualTo("v0");
            assertThat(server.last().options().has(CoapOption.OBSERVE)).isFalse();
            assertThat(server.relations()).isZero();
            assertThat(server.removed(RemovalReason.DEREGISTER)).isEqualTo(1);
            assertThat(server.resource.observers()).isZero();
            assertThat(server.resource.idle).as("the resource is told nobody observes it").isPositive();
        }

        @Test
        @DisplayName("TD_COAP_OBS_10: a plain GET with the relation's token does not cancel it")
        void plainGetKeeps() {
            Server server = new Server();
            register(server, CoapType.CON, CLIENT);
            server.harness.stack.receive(get(CoapType.CON, TOKEN, -1, CoapOptions.builder()), CLIENT, false);
            assertThat(server.last().options().has(CoapOption.OBSERVE)).isFalse();
            assertThat(server.relations()).isEqualTo(1);
        }

        @Test
        @DisplayName("§4.1: over max-observers or max-observers-per-peer the GET is answered 2.05 without Observe,"
                + " counted as limit")
        void limits() {
            Server server = new Server(StackConfig.defaults().with(StackConfig.MAX_OBSERVERS, 2)
                    .with(StackConfig.MAX_OBSERVERS_PER_PEER, 1));
            register(server, CoapType.CON, CLIENT);
            server.harness.stack.receive(get(CoapType.CON, new byte[] {5}, 0, CoapOptions.builder()), CLIENT, false);
            assertThat(server.last().code()).isEqualTo(CoapCode.CONTENT);
            assertThat(server.last().options().has(CoapOption.OBSERVE)).as("per peer").isFalse();
            register(server, CoapType.CON, OTHER);
            server.harness.stack.receive(get(CoapType.CON, TOKEN, 0, CoapOptions.builder()),
                    new InetSocketAddress("192.0.2.42", 1), false);
            assertThat(server.last().options().has(CoapOption.OBSERVE)).as("in total").isFalse();
            assertThat(server.relations()).isEqualTo(2);
            assertThat(server.removed(RemovalReason.LIMIT)).isEqualTo(2);
        }

        @Test
        @DisplayName("§3.1: a registration answered with an error makes no relation")
        void errorNoRelation() {
            Server server = new Server();
            server.resource.set(server.resource.state(CoapCode.NOT_FOUND, "gone", -1));
            CoapMessage response = register(server, CoapType.CON, CLIENT);
            assertThat(response.code()).isEqualTo(CoapCode.NOT_FOUND);
            assertThat(response.options().has(CoapOption.OBSERVE)).isFalse();
            assertThat(server.relations()).isZero();
        }
    }

    @Nested
    class Notifications {

        @Test
        @DisplayName("§4.2: each change is a notification with the registration's token and the next Observe value,"
                + " NON for a NON registration")
        void nonNotifications() {
            Server server = new Server();
            long registered = observe(register(server, CoapType.NON, CLIENT));
            server.resource.set(server.resource.text("v1"));
            server.resource.set(server.resource.text("v2"));
            List<OutboundProbe.Sent> sent = server.harness.sent;
            CoapMessage first = sent.get(sent.size() - 2).message();
            CoapMessage second = sent.get(sent.size() - 1).message();
            assertThat(first.type()).isEqualTo(CoapType.NON);
            assertThat(first.token()).isEqualTo(TOKEN);
            assertThat(first.payloadUtf8()).isEqualTo("v1");
            assertThat(observe(first)).isEqualTo(registered + 1);
            assertThat(second.payloadUtf8()).isEqualTo("v2");
            assertThat(observe(second)).isEqualTo(registered + 2);
            assertThat(server.harness.endpoint.observations().notifications(false)).isEqualTo(2);
        }

        @Test
        @DisplayName("§4.5: a CON registration gets CON notifications; Max-Age of the state is carried")
        void conNotifications() {
            Server server = new Server();
            register(server, CoapType.CON, CLIENT);
            Response state = DerivedResponse.withOptions(server.resource.text("v1"), CoapOptions.EMPTY
                    .withUint(CoapOption.CONTENT_FORMAT, 0).withUint(CoapOption.MAX_AGE, 30));
            server.resource.set(new DerivedResponse(state.code(), state.options(), state.payload(), server.resource));
            CoapMessage notification = server.last();
            assertThat(notification.type()).isEqualTo(CoapType.CON);
            assertThat(notification.options().uint(CoapOption.MAX_AGE, -1)).isEqualTo(30);
        }

        @Test
        @DisplayName("§4.5: a NON relation gets a CON notification every 100 notifications")
        void conEvery100() {
            Server server = new Server();
            register(server, CoapType.NON, CLIENT);
            for (int i = 1; i <= 100; i++) {
                server.resource.set(server.resource.text("v" + i));
                if (server.last().type() == CoapType.CON) {
                    server.harness.stack.receive(CoapMessage.empty(CoapType.ACK, server.last().messageId()), CLIENT,
                            false);
                }
            }
            List<CoapType> types = server.harness.sent.stream().skip(1).map(sent -> sent.message().type()).toList();
            assertThat(types.subList(0, 99)).containsOnly(CoapType.NON);
            assertThat(types.get(99)).isEqualTo(CoapType.CON);
        }

        @Test
        @DisplayName("§4.5: a NON relation gets a CON notification once 24 h passed since the last one")
        void conEvery24Hours() {
            Server server = new Server();
            register(server, CoapType.NON, CLIENT);
            server.resource.set(server.resource.text("v1"));
            assertThat(server.last().type()).isEqualTo(CoapType.NON);
            server.harness.timer.advance(Duration.ofHours(24));
            server.resource.set(server.resource.text("v2"));
            assertThat(server.last().type()).isEqualTo(CoapType.CON);
        }

        @Test
        @DisplayName("§4.5.2: while a CON notification is unacknowledged a newer state waits, and the next"
                + " retransmission carries the newest, at the old schedule (2, 4 s), never two in flight")
        void replaceInFlight() {
            Server server = new Server();
            register(server, CoapType.CON, CLIENT);
            int before = server.harness.sent.size();
            server.resource.set(server.resource.text("v1"));
            server.resource.set(server.resource.text("v2"));
            server.resource.set(server.resource.text("v3"));
            assertThat(server.harness.sent).hasSize(before + 1);
            CoapMessage first = server.last();
            assertThat(first.payloadUtf8()).isEqualTo("v1");
            server.harness.timer.advance(Duration.ofSeconds(2));
            CoapMessage replaced = server.last();
            assertThat(server.harness.sent).hasSize(before + 2);
            assertThat(replaced.payloadUtf8()).isEqualTo("v3");
            assertThat(replaced.type()).isEqualTo(CoapType.CON);
            assertThat(replaced.messageId()).isNotEqualTo(first.messageId());
            assertThat(observe(replaced)).isGreaterThan(observe(first));
            assertThat(server.harness.last().atSeconds()).isEqualTo(2.0);
            server.harness.timer.advance(Duration.ofSeconds(4));
            assertThat(server.harness.last().atSeconds()).as("the timeout doubled, as for the old message")
                    .isEqualTo(6.0);
            assertThat(server.last()).isEqualTo(replaced);
            server.harness.stack.receive(CoapMessage.empty(CoapType.ACK, first.messageId()), CLIENT, false);
            assertThat(server.harness.counters.unmatched.sum()).as("the replaced message ID is forgotten")
                    .isEqualTo(1);
        }

        @Test
        @DisplayName("§4.5.2: the ACK of a CON notification sends the state that waited")
        void pendingAfterAck() {
            Server server = new Server();
            register(server, CoapType.CON, CLIENT);
            server.resource.set(server.resource.text("v1"));
            CoapMessage first = server.last();
            server.resource.set(server.resource.text("v2"));
            server.harness.stack.receive(CoapMessage.empty(CoapType.ACK, first.messageId()), CLIENT, false);
            assertThat(server.last().payloadUtf8()).isEqualTo("v2");
            assertThat(observe(server.last())).isEqualTo(observe(first) + 1);
        }

        @Test
        @DisplayName("§3.4: Observe values rise by one per notification and stay fresh across the 24-bit wrap")
        void wrap() {
            assertThat(ObserveSequence.next(0xFFFFFF)).isZero();
            assertThat(ObserveSequence.isFresh(0xFFFFFF, 0, 0, 1)).isTrue();
            assertThat(ObserveSequence.isFresh(0xFFFFFE, 0, 0xFFFFFF, 1)).isTrue();
            assertThat(ObserveSequence.isFresh(5, 0, 4, 1)).isFalse();
            assertThat(ObserveSequence.isFresh(5, 0, 4, Duration.ofSeconds(129).toNanos()))
                    .as("128 s later anything is fresh").isTrue();
        }

        @Test
        @DisplayName("§2.6 Observe + Block2: a large state's notification is block 0 with Block2, Observe and ETag;"
                + " GET with Block2 NUM 1 and no Observe gets block 1 with the same ETag")
        void largeNotification() {
            Server server = new Server();
            register(server, CoapType.NON, CLIENT);
            String large = "x".repeat(1500);
            server.resource.set(server.resource.text(large));
            CoapMessage notification = server.last();
            assertThat(BlockOption.of(notification.options(), CoapOption.BLOCK2))
                    .isEqualTo(new BlockOption(0, true, 6));
            assertThat(observe(notification)).isEqualTo(3);
            assertThat(notification.payload()).hasSize(1024);
            server.harness.stack.receive(get(CoapType.CON, new byte[] {8}, -1, CoapOptions.builder()
                    .add(CoapOption.BLOCK2, new BlockOption(1, false, 6).encode())), CLIENT, false);
            CoapMessage rest = server.last();
            assertThat(rest.payloadUtf8()).isEqualTo("x".repeat(476));
            assertThat(rest.options().has(CoapOption.OBSERVE)).isFalse();
            assertThat(rest.options().first(CoapOption.ETAG)).isEqualTo(notification.options().first(CoapOption.ETAG));
        }
    }

    @Nested
    class Endings {

        @Test
        @DisplayName("§3.6: RST to a NON notification removes the relation")
        void resetNon() {
            Server server = new Server();
            register(server, CoapType.NON, CLIENT);
            server.resource.set(server.resource.text("v1"));
            server.harness.stack.receive(CoapMessage.empty(CoapType.RST, server.last().messageId()), CLIENT, false);
            assertThat(server.relations()).isZero();
            assertThat(server.removed(RemovalReason.RST)).isEqualTo(1);
            assertThat(server.harness.counters.unmatched.sum()).isZero();
        }

        @Test
        @DisplayName("§3.6: RST to a CON notification removes the relation and stops the retransmissions")
        void resetCon() {
            Server server = new Server();
            register(server, CoapType.CON, CLIENT);
            server.resource.set(server.resource.text("v1"));
            server.harness.stack.receive(CoapMessage.empty(CoapType.RST, server.last().messageId()), CLIENT, false);
            int count = server.harness.sent.size();
            server.harness.timer.advance(Duration.ofSeconds(100));
            assertThat(server.harness.sent).hasSize(count);
            assertThat(server.relations()).isZero();
            assertThat(server.removed(RemovalReason.RST)).isEqualTo(1);
        }

        @Test
        @DisplayName("§4.5: a CON notification unacknowledged after MAX_RETRANSMIT removes the relation (62 s)")
        void timeout() {
            Server server = new Server();
            register(server, CoapType.CON, CLIENT);
            server.resource.set(server.resource.text("v1"));
            server.harness.timer.advance(Duration.ofSeconds(61));
            assertThat(server.relations()).isEqualTo(1);
            server.harness.timer.advance(Duration.ofSeconds(1));
            assertThat(server.relations()).isZero();
            assertThat(server.removed(RemovalReason.TIMEOUT)).isEqualTo(1);
            int count = server.harness.sent.size();
            server.resource.set(server.resource.text("v2"));
            server.harness.timer.advance(Duration.ofSeconds(100));
            assertThat(server.harness.sent).as("nothing more is sent to it").hasSize(count);
        }

        @Test
        @DisplayName("§3.2 (TD_COAP_OBS_07): the resource deleted is a final 4.04 without Observe; the relation ends")
        void deleted() {
            Server server = new Server();
            register(server, CoapType.NON, CLIENT);
            server.resource.set(server.resource.state(CoapCode.NOT_FOUND, "gone", -1));
            CoapMessage last = server.last();
            assertThat(last.code()).isEqualTo(CoapCode.NOT_FOUND);
            assertThat(last.token()).isEqualTo(TOKEN);
            assertThat(last.options().has(CoapOption.OBSERVE)).isFalse();
            assertThat(server.relations()).isZero();
            assertThat(server.removed(RemovalReason.DELETED)).isEqualTo(1);
            server.resource.set(server.resource.text("again"));
            assertThat(server.last()).isEqualTo(last);
        }

        @Test
        @DisplayName("TD_COAP_OBS_08: a state in another Content-Format than registered ends the relation with 4.06")
        void notAcceptable() {
            Server server = new Server();
            register(server, CoapType.CON, CLIENT);
            server.resource.set(server.resource.state(CoapCode.CONTENT, "<v/>", 41));
            CoapMessage last = server.last();
            assertThat(last.code()).isEqualTo(CoapCode.NOT_ACCEPTABLE);
            assertThat(last.type()).isEqualTo(CoapType.CON);
            assertThat(last.options().has(CoapOption.OBSERVE)).isFalse();
            assertThat(server.relations()).isZero();
            assertThat(server.removed(RemovalReason.NOT_ACCEPTABLE)).isEqualTo(1);
            server.harness.stack.receive(CoapMessage.empty(CoapType.ACK, last.messageId()), CLIENT, false);
            int count = server.harness.sent.size();
            server.harness.timer.advance(Duration.ofSeconds(100));
            assertThat(server.harness.sent).as("the acknowledged final notification is not retransmitted")
                    .hasSize(count);
        }

        @Test
        @DisplayName("a registration with Accept keeps to it: another format in the state ends the relation with 4.06")
        void acceptRegistered() {
            Server server = new Server();
            server.harness.stack.receive(get(CoapType.NON, TOKEN, 0, CoapOptions.builder()
                    .addUint(CoapOption.ACCEPT, 0)), CLIENT, false);
            server.resource.set(server.resource.state(CoapCode.CONTENT, "{}", 50));
            assertThat(server.last().code()).isEqualTo(CoapCode.NOT_ACCEPTABLE);
        }
    }
}
