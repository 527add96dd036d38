package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import io.tributary.coap.message.BlockOption;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The client side of Observe (RFC 7641) on a virtual clock, against a server played by the test. */
class ClientObservationTest {

    static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.50", 5683);
    static final CoapMessage GET = CoapMessage.builder(CoapType.CON, CoapCode.GET)
            .options(CoapOptions.builder().uriPath("/obs").build()).build();

    private final StackHarness client = new StackHarness(StackConfig.defaults(), null);
    private int serverMessageId = 7000;

    private Flux<String> observe(StackHarness harness) {
        return harness.stack.client().observe(GET, SERVER, true, MessageResults.INSTANCE, 1 << 20)
                .map(CoapMessage::payloadUtf8);
    }

    /** The registration the client sent: a CON GET with Observe 0. */
    private static CoapMessage registration(StackHarness harness) {
        CoapMessage sent = harness.last().message();
        assertThat(sent.code()).isEqualTo(CoapCode.GET);
        assertThat(sent.options().uint(CoapOption.OBSERVE, -1)).isZero();
        return sent;
    }

    private static CoapMessage ack(CoapMessage request, long observe, String payload, CoapOptions.Builder extra) {
        if (observe >= 0) {
            extra.addUint(CoapOption.OBSERVE, observe);
        }
        return CoapMessage.builder(CoapType.ACK, CoapCode.CONTENT).messageId(request.messageId())
                .token(request.token()).options(extra.build()).payload(payload.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private CoapMessage notification(CoapMessage registration, CoapType type, CoapCode code, long observe,
                                     String payload) {
        CoapOptions.Builder options = CoapOptions.builder();
        if (observe >= 0) {
            options.addUint(CoapOption.OBSERVE, observe);
        }
        return CoapMessage.builder(type, code).messageId(serverMessageId++).token(registration.token())
                .options(options.build()).payload(payload.getBytes(StandardCharsets.UTF_8)).build();
    }

    private void receive(StackHarness harness, CoapMessage message) {
        harness.stack.receive(message, SERVER, false);
    }

    @Test
    @DisplayName("§3.4: the registration's response comes first, then fresh notifications; a stale one is dropped"
            + " yet acknowledged")
    void freshness() {
        CoapMessage[] first = new CoapMessage[1];
        StepVerifier.create(observe(client))
                .then(() -> {
                    first[0] = registration(client);
                    receive(client, ack(first[0], 5, "a", CoapOptions.builder()));
                })
                .expectNext("a")
                .then(() -> receive(client, notification(first[0], CoapType.NON, CoapCode.CONTENT, 7, "c")))
                .expectNext("c")
                .then(() -> {
                    CoapMessage stale = notification(first[0], CoapType.CON, CoapCode.CONTENT, 6, "b");
                    receive(client, stale);
                    assertThat(client.last().message()).isEqualTo(CoapMessage.empty(CoapType.ACK,
                            stale.messageId()));
                    receive(client, notification(first[0], CoapType.NON, CoapCode.CONTENT, 8, "d"));
                })
                .expectNext("d")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("§3.4: after 128 s even a lower Observe value is fresh")
    void freshAfter128Seconds() {
        StepVerifier.create(observe(client))
                .then(() -> receive(client, ack(registration(client), 50, "a", CoapOptions.builder()
                        .addUint(CoapOption.MAX_AGE, 600))))
                .expectNext("a")
                .then(() -> {
                    client.timer.advance(Duration.ofSeconds(129));
                    receive(client, notification(registration(client), CoapType.NON, CoapCode.CONTENT, 3, "b"));
                })
                .expectNext("b")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("§3.3.1: without a notification for Max-Age plus the margin (10 s + 2 s) the client registers"
            + " again with the same token")
    void reregistration() {
        observe(client).subscribe();
        CoapMessage first = registration(client);
        receive(client, ack(first, 5, "a", CoapOptions.builder().addUint(CoapOption.MAX_AGE, 10)));
        int sent = client.sent.size();
        client.timer.advance(Duration.ofMillis(11_999));
        assertThat(client.sent).hasSize(sent);
        client.timer.advance(Duration.ofMillis(1));
        CoapMessage again = registration(client);
        assertThat(again.token()).isEqualTo(first.token());
        assertThat(again.messageId()).isNotEqualTo(first.messageId());
        assertThat(client.last().atSeconds()).isEqualTo(12.0);
    }

    @Test
    @DisplayName("§3.6: cancelling deregisters with a GET with Observe 1 and the same token")
    void cancelDeregisters() {
        observe(client).take(1).subscribe();
        CoapMessage first = registration(client);
        receive(client, ack(first, 5, "a", CoapOptions.builder()));
        CoapMessage deregistration = client.last().message();
        assertThat(deregistration.options().uint(CoapOption.OBSERVE, -1)).isEqualTo(1);
        assertThat(deregistration.token()).isEqualTo(first.token());
        assertThat(deregistration.options().uriPath()).containsExactly("obs");
        assertThat(client.stack.client().observing()).isZero();
    }

    @Test
    @DisplayName("§3.6 with observe-cancel reset: cancelling sends nothing; the next notification, even NON, gets"
            + " RST")
    void cancelResets() {
        StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.OBSERVE_CANCEL,
                ObserveCancel.RESET), null);
        observe(harness).take(1).subscribe();
        CoapMessage first = registration(harness);
        receive(harness, ack(first, 5, "a", CoapOptions.builder()));
        assertThat(harness.last().message()).isEqualTo(first);
        CoapMessage late = notification(first, CoapType.NON, CoapCode.CONTENT, 6, "b");
        receive(harness, late);
        assertThat(harness.last().message()).isEqualTo(CoapMessage.empty(CoapType.RST, late.messageId()));
    }

    @Test
    @DisplayName("§3.2: a 4.04 notification ends the flux with an error holding it")
    void finalNotification() {
        StepVerifier.create(observe(client))
                .then(() -> receive(client, ack(registration(client), 5, "a", CoapOptions.builder())))
                .expectNext("a")
                .then(() -> receive(client, notification(registration(client), CoapType.CON, CoapCode.NOT_FOUND,
                        -1, "gone")))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ExchangeFailure.class,
                        failure -> {
                            assertThat(failure.reason()).isEqualTo(ExchangeFailure.Reason.ERROR_RESPONSE);
                            assertThat(failure.response().code()).isEqualTo(CoapCode.NOT_FOUND);
                        }))
                .verify(Duration.ofSeconds(5));
        assertThat(client.stack.client().observing()).isZero();
    }

    @Test
    @DisplayName("§3.1: a registration answered without Observe is a plain GET: its response, then completion")
    void notObserved() {
        StepVerifier.create(observe(client))
                .then(() -> receive(client, ack(registration(client), -1, "plain", CoapOptions.builder())))
                .expectNext("plain")
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("RFC 7959 §2.6: a notification in blocks is completed with GET Block2 NUM 1 without Observe and"
            + " delivered whole")
    void blockwiseNotification() {
        byte[] etag = {1, 2, 3};
        String large = "y".repeat(1500);
        StepVerifier.create(observe(client))
                .then(() -> receive(client, ack(registration(client), 5, "a", CoapOptions.builder())))
                .expectNext("a")
                .then(() -> {
                    CoapMessage block0 = CoapMessage.builder(CoapType.NON, CoapCode.CONTENT)
                            .messageId(serverMessageId++).token(registration(client).token())
                            .options(CoapOptions.builder().addUint(CoapOption.OBSERVE, 6).add(CoapOption.ETAG, etag)
                                    .add(CoapOption.BLOCK2, new BlockOption(0, true, 6).encode()).build())
                            .payload(Arrays.copyOf(large.getBytes(StandardCharsets.UTF_8), 1024)).build();
                    receive(client, block0);
                    CoapMessage follow = client.last().message();
                    assertThat(follow.options().has(CoapOption.OBSERVE)).isFalse();
                    assertThat(BlockOption.of(follow.options(), CoapOption.BLOCK2))
                            .isEqualTo(new BlockOption(1, false, 6));
                    assertThat(follow.options().uriPath()).containsExactly("obs");
                    receive(client, ack(follow, -1, "y".repeat(476), CoapOptions.builder()
                            .add(CoapOption.ETAG, etag).add(CoapOption.BLOCK2, new BlockOption(1, false, 6).encode())));
                })
                .expectNext(large)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("§3.6: a notification with a token nobody observes is rejected with RST, NON as well as CON")
    void unknownNotification() {
        CoapMessage stray = CoapMessage.builder(CoapType.NON, CoapCode.CONTENT).messageId(1).token(new byte[8])
                .options(CoapOptions.builder().addUint(CoapOption.OBSERVE, 9).build()).build();
        receive(client, stray);
        assertThat(client.last().message()).isEqualTo(CoapMessage.empty(CoapType.RST, 1));
        CoapMessage plain = CoapMessage.builder(CoapType.NON, CoapCode.CONTENT).messageId(2).token(new byte[8])
                .build();
        receive(client, plain);
        assertThat(client.sent).as("a stray NON response without Observe is dropped").hasSize(1);
    }
}
