package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** The client side's reliability on a virtual clock: RFC 7252 §4.2 and §4.8. */
class ReliabilityTest {

    static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.10", 5683);
    static final CoapMessage GET = CoapMessage.builder(CoapType.CON, CoapCode.GET)
            .options(CoapOptions.builder().uriPath("/temp").build()).build();

    private final List<CoapMessage> responses = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    private Disposable send(StackHarness harness, boolean confirmable) {
        return harness.stack.client().request(GET, SERVER, confirmable, MessageResults.INSTANCE)
                .subscribe(responses::add, errors::add);
    }

    @Test
    @DisplayName("§4.8: with ACK_RANDOM_FACTOR 1 a CON is sent at 0, 2, 6, 14 and 30 s and fails at 62 s")
    void exactSchedule() {
        StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.ACK_RANDOM_FACTOR, 1.0), null);
        send(harness, true);
        harness.timer.advance(Duration.ofSeconds(61));
        assertThat(harness.sent).extracting(OutboundProbe.Sent::atSeconds).containsExactly(0.0, 2.0, 6.0, 14.0, 30.0);
        assertThat(harness.sent).extracting(sent -> sent.message().messageId()).containsOnly(
                harness.sent.get(0).message().messageId());
        assertThat(errors).isEmpty();
        harness.timer.advance(Duration.ofSeconds(1));
        assertThat(errors).singleElement().isInstanceOfSatisfying(ExchangeFailure.class, failure -> {
            assertThat(failure.reason()).isEqualTo(ExchangeFailure.Reason.TIMEOUT);
            assertThat(failure.getMessage()).contains("4 retransmissions").contains("/temp");
        });
        assertThat(harness.counters.retransmissions.sum()).isEqualTo(4);
        assertThat(harness.counters.timeouts.sum()).isEqualTo(1);
        assertThat(harness.stack.pendingTimers()).isZero();
    }

    @Test
    @DisplayName("§4.8: the first timeout is random in [2 s, 3 s] and each retransmission doubles it")
    void randomisedSchedule() {
        StackHarness harness = new StackHarness(StackConfig.defaults(), null);
        send(harness, true);
        harness.timer.advance(Duration.ofSeconds(100));
        List<Double> times = harness.sent.stream().map(OutboundProbe.Sent::atSeconds).toList();
        assertThat(times).hasSize(5);
        double first = times.get(1);
        assertThat(first).isBetween(2.0, 3.0);
        assertThat(times.get(2) - times.get(1)).isCloseTo(2 * first, Offset.offset(0.002));
        assertThat(times.get(3) - times.get(2)).isCloseTo(4 * first, Offset.offset(0.003));
        assertThat(times.get(4) - times.get(3)).isCloseTo(8 * first, Offset.offset(0.005));
        assertThat(errors).singleElement().extracting(error -> ((ExchangeFailure) error).reason())
                .isEqualTo(ExchangeFailure.Reason.TIMEOUT);
    }

    @Test
    @DisplayName("§4.2: a piggybacked ACK ends retransmission and completes the request")
    void ackCancels() {
        StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.ACK_RANDOM_FACTOR, 1.0), null);
        send(harness, true);
        harness.timer.advance(Duration.ofSeconds(2));
        CoapMessage request = harness.last().message();
        CoapMessage ack = CoapMessage.builder(CoapType.ACK, CoapCode.CONTENT).messageId(request.messageId())
                .token(request.token()).payload("21".getBytes()).build();
        harness.stack.receive(ack, SERVER, false);
        harness.timer.advance(Duration.ofSeconds(100));
        assertThat(harness.sent).hasSize(2);
        assertThat(responses).singleElement().extracting(CoapMessage::payloadUtf8).isEqualTo("21");
        assertThat(harness.stack.pendingTimers()).isZero();
        assertThat(harness.stack.client().inFlight()).isZero();
    }

    @Test
    @DisplayName("§4.2: a RST fails the request as reset")
    void reset() {
        StackHarness harness = new StackHarness(StackConfig.defaults(), null);
        send(harness, true);
        harness.stack.receive(CoapMessage.empty(CoapType.RST, harness.last().message().messageId()), SERVER, false);
        assertThat(errors).singleElement().extracting(error -> ((ExchangeFailure) error).reason())
                .isEqualTo(ExchangeFailure.Reason.RESET);
        harness.timer.advance(Duration.ofSeconds(100));
        assertThat(harness.sent).hasSize(1);
    }

    @Test
    @DisplayName("§5.2.2: after an empty ACK the separate CON response is acknowledged and delivered once")
    void separateResponse() {
        StackHarness harness = new StackHarness(StackConfig.defaults(), null);
        send(harness, true);
        CoapMessage request = harness.last().message();
        harness.stack.receive(CoapMessage.empty(CoapType.ACK, request.messageId()), SERVER, false);
        harness.timer.advance(Duration.ofSeconds(30));
        assertThat(harness.sent).hasSize(1);
        CoapMessage response = CoapMessage.builder(CoapType.CON, CoapCode.CONTENT).messageId(999)
                .token(request.token()).payload("late".getBytes()).build();
        harness.stack.receive(response, SERVER, false);
        harness.stack.receive(response, SERVER, false);
        assertThat(responses).singleElement().extracting(CoapMessage::payloadUtf8).isEqualTo("late");
        assertThat(harness.sent).hasSize(3);
        assertThat(harness.sent.subList(1, 3)).allSatisfy(sent -> {
            assertThat(sent.message().type()).isEqualTo(CoapType.ACK);
            assertThat(sent.message().messageId()).isEqualTo(999);
        });
        assertThat(harness.counters.duplicates.sum()).isEqualTo(1);
    }

    @Test
    @DisplayName("a CON response with an unknown token is rejected with RST (§4.2)")
    void unknownToken() {
        StackHarness harness = new StackHarness(StackConfig.defaults(), null);
        harness.stack.receive(CoapMessage.builder(CoapType.CON, CoapCode.CONTENT).messageId(5)
                .token(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).build(), SERVER, false);
        assertThat(harness.last().message().type()).isEqualTo(CoapType.RST);
        assertThat(harness.last().message().messageId()).isEqualTo(5);
    }

    @Test
    @DisplayName("a response from another endpoint than the request's peer does not match (§5.3.2)")
    void wrongPeer() {
        StackHarness harness = new StackHarness(StackConfig.defaults(), null);
        send(harness, false);
        CoapMessage request = harness.last().message();
        harness.stack.receive(CoapMessage.builder(CoapType.NON, CoapCode.CONTENT).messageId(5)
                .token(request.token()).build(), new InetSocketAddress("192.0.2.99", 5683), false);
        assertThat(responses).isEmpty();
        harness.stack.receive(CoapMessage.builder(CoapType.NON, CoapCode.CONTENT).messageId(6)
                .token(request.token()).build(), SERVER, false);
        assertThat(responses).hasSize(1);
    }

    @Test
    @DisplayName("a NON request without response fails after MAX_TRANSMIT_WAIT (93 s)")
    void nonTimeout() {
        StackHarness harness = new StackHarness(StackConfig.defaults(), null);
        send(harness, false);
        harness.timer.advance(Duration.ofSeconds(92));
        assertThat(errors).isEmpty();
        harness.timer.advance(Duration.ofSeconds(1));
        assertThat(errors).singleElement().extracting(error -> ((ExchangeFailure) error).reason())
                .isEqualTo(ExchangeFailure.Reason.TIMEOUT);
        assertThat(harness.sent).hasSize(1);
    }

    @Test
    @DisplayName("cancelling a request stops its retransmissions and frees the exchange")
    void cancellation() {
        StackHarness harness = new StackHarness(StackConfig.defaults(), null);
        Disposable request = send(harness, true);
        harness.timer.advance(Duration.ofSeconds(4));
        int sentBefore = harness.sent.size();
        request.dispose();
        harness.timer.advance(Duration.ofSeconds(100));
        assertThat(harness.sent).hasSize(sentBefore);
        assertThat(harness.stack.client().inFlight()).isZero();
        assertThat(harness.stack.pendingTimers()).isZero();
        assertThat(errors).isEmpty();
    }

    @Test
    @DisplayName("§4.7: with NSTART 1 a second request to the same peer waits for the first")
    void nstart() {
        StackHarness harness = new StackHarness(StackConfig.defaults(), null);
        send(harness, true);
        send(harness, true);
        assertThat(harness.sent).hasSize(1);
        CoapMessage first = harness.last().message();
        harness.stack.receive(CoapMessage.builder(CoapType.ACK, CoapCode.CONTENT).messageId(first.messageId())
                .token(first.token()).build(), SERVER, false);
        assertThat(harness.sent).hasSize(2);
        assertThat(harness.last().message().messageId()).isNotEqualTo(first.messageId());
        assertThat(harness.last().message().token()).isNotEqualTo(first.token());
    }

    @Test
    @DisplayName("§4.3: a ping is an empty CON answered by RST")
    void ping() {
        StackHarness harness = new StackHarness(StackConfig.defaults(), null);
        List<String> done = new ArrayList<>();
        harness.stack.client().ping(SERVER, MessageResults.INSTANCE)
                .subscribe(null, errors::add, () -> done.add("pong"));
        CoapMessage ping = harness.last().message();
        assertThat(ping.isEmpty()).isTrue();
        assertThat(ping.type()).isEqualTo(CoapType.CON);
        harness.stack.receive(CoapMessage.empty(CoapType.RST, ping.messageId()), SERVER, false);
        assertThat(done).containsExactly("pong");
    }
}
