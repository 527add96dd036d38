package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapFormatException;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.message.FormatError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The server side on a virtual clock: deduplication, separate responses, option checks, multicast. */
class ServerLayerTest {

    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.20", 40000);
    static final InetSocketAddress OTHER = new InetSocketAddress("192.0.2.21", 40000);

    /** The multicast leisure the stack of {@link StackHarness} (seed 42) draws first, within the default 5 s. */
    static final long LEISURE_OF_SEED_42_MILLIS = 10;

    private final AtomicInteger handled = new AtomicInteger();

    private Responder counting() {
        return (request, peer, multicast) -> {
            handled.incrementAndGet();
            return Mono.just(StackHarness.text(CoapCode.CONTENT, "n=" + handled.get()));
        };
    }

    static CoapMessage request(CoapType type, int messageId) {
        return CoapMessage.builder(type, CoapCode.GET).messageId(messageId).token(new byte[] {9, 9})
                .options(CoapOptions.builder().uriPath("/r").build()).build();
    }

    @Nested
    class Deduplication {

        @Test
        @DisplayName("§4.5: a duplicate CON gets the same piggybacked response without running the handler again")
        void replay() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            harness.stack.receive(request(CoapType.CON, 100), CLIENT, false);
            harness.stack.receive(request(CoapType.CON, 100), CLIENT, false);
            assertThat(handled).hasValue(1);
            assertThat(harness.sent).hasSize(2);
            assertThat(harness.sent.get(1).message()).isEqualTo(harness.sent.get(0).message());
            assertThat(harness.sent.get(0).message().type()).isEqualTo(CoapType.ACK);
            assertThat(harness.sent.get(0).message().messageId()).isEqualTo(100);
            assertThat(harness.counters.duplicates.sum()).isEqualTo(1);
        }

        @Test
        @DisplayName("the same message ID from another peer is a new request")
        void perPeer() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            harness.stack.receive(request(CoapType.CON, 100), CLIENT, false);
            harness.stack.receive(request(CoapType.CON, 100), OTHER, false);
            assertThat(handled).hasValue(2);
        }

        @Test
        @DisplayName("§4.8.2: a CON message ID is remembered for EXCHANGE_LIFETIME (247 s), then forgotten")
        void conExpiry() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            harness.stack.receive(request(CoapType.CON, 7), CLIENT, false);
            harness.timer.advance(Duration.ofSeconds(245));
            harness.stack.receive(request(CoapType.CON, 7), CLIENT, false);
            assertThat(handled).hasValue(1);
            harness.timer.advance(Duration.ofSeconds(4));
            assertThat(harness.stack.dedupSize()).isZero();
            assertThat(harness.stack.peerCount()).isZero();
            harness.stack.receive(request(CoapType.CON, 7), CLIENT, false);
            assertThat(handled).hasValue(2);
        }

        @Test
        @DisplayName("§4.8.2: a NON message ID is remembered for NON_LIFETIME (145 s); duplicates are dropped")
        void nonExpiry() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            harness.stack.receive(request(CoapType.NON, 8), CLIENT, false);
            harness.stack.receive(request(CoapType.NON, 8), CLIENT, false);
            assertThat(handled).hasValue(1);
            assertThat(harness.sent).hasSize(1);
            assertThat(harness.sent.get(0).message().type()).isEqualTo(CoapType.NON);
            harness.timer.advance(Duration.ofSeconds(147));
            harness.stack.receive(request(CoapType.NON, 8), CLIENT, false);
            assertThat(handled).hasValue(2);
        }

        @Test
        @DisplayName("the per-peer cap evicts that peer's oldest ID and counts it")
        void perPeerCap() {
            StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.DEDUP_PER_PEER, 4), counting());
            for (int id = 1; id <= 5; id++) {
                harness.stack.receive(request(CoapType.CON, id), CLIENT, false);
            }
            assertThat(harness.stack.dedupSize()).isEqualTo(4);
            assertThat(harness.counters.dedupEvictions.sum()).isEqualTo(1);
            harness.stack.receive(request(CoapType.CON, 5), CLIENT, false);
            assertThat(handled).hasValue(5);
            harness.stack.receive(request(CoapType.CON, 1), CLIENT, false);
            assertThat(handled).as("ID 1 was evicted, so it counts as new").hasValue(6);
        }

        @Test
        @DisplayName("the total cap evicts the entry that would expire first, whichever peer owns it")
        void totalCap() {
            StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.DEDUP_TOTAL, 3), counting());
            harness.stack.receive(request(CoapType.CON, 1), CLIENT, false);
            harness.timer.advance(Duration.ofSeconds(1));
            harness.stack.receive(request(CoapType.CON, 2), OTHER, false);
            harness.stack.receive(request(CoapType.CON, 3), OTHER, false);
            harness.stack.receive(request(CoapType.CON, 4), OTHER, false);
            assertThat(harness.stack.dedupSize()).isEqualTo(3);
            assertThat(harness.counters.dedupEvictions.sum()).isEqualTo(1);
            assertThat(harness.stack.peerCount()).isEqualTo(1);
            harness.stack.receive(request(CoapType.CON, 2), OTHER, false);
            assertThat(handled).hasValue(4);
        }
    }

    @Nested
    class SeparateResponses {

        @Test
        @DisplayName("§5.2.2: a slow handler gets an empty ACK after the delay, then a retransmitted CON response")
        void separate() {
            Sinks.One<Response> answer = Sinks.one();
            StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.ACK_RANDOM_FACTOR, 1.0),
                    (request, peer, multicast) -> answer.asMono());
            harness.stack.receive(request(CoapType.CON, 50), CLIENT, false);
            assertThat(harness.sent).isEmpty();
            harness.timer.advance(Duration.ofSeconds(1));
            assertThat(harness.sent).singleElement().satisfies(sent -> {
                assertThat(sent.message().type()).isEqualTo(CoapType.ACK);
                assertThat(sent.message().isEmpty()).isTrue();
                assertThat(sent.message().messageId()).isEqualTo(50);
            });
            harness.stack.receive(request(CoapType.CON, 50), CLIENT, false);
            assertThat(harness.last().message().isEmpty()).as("a duplicate gets the empty ACK again").isTrue();

            answer.tryEmitValue(StackHarness.text(CoapCode.CONTENT, "done"));
            CoapMessage response = harness.last().message();
            assertThat(response.type()).isEqualTo(CoapType.CON);
            assertThat(response.token()).containsExactly(9, 9);
            assertThat(response.messageId()).isNotEqualTo(50);
            harness.timer.advance(Duration.ofSeconds(2));
            assertThat(harness.last().message()).isEqualTo(response);
            harness.stack.receive(CoapMessage.empty(CoapType.ACK, response.messageId()), CLIENT, false);
            int count = harness.sent.size();
            harness.timer.advance(Duration.ofSeconds(100));
            assertThat(harness.sent).hasSize(count);
            assertThat(harness.counters.retransmissions.sum()).isEqualTo(1);
        }

        @Test
        @DisplayName("a handler answering within the delay is piggybacked; nothing else is sent")
        void piggybackedInTime() {
            Sinks.One<Response> answer = Sinks.one();
            StackHarness harness = new StackHarness(StackConfig.defaults(),
                    (request, peer, multicast) -> answer.asMono());
            harness.stack.receive(request(CoapType.CON, 51), CLIENT, false);
            harness.timer.advance(Duration.ofMillis(500));
            answer.tryEmitValue(StackHarness.text(CoapCode.CONTENT, "quick"));
            harness.timer.advance(Duration.ofSeconds(10));
            assertThat(harness.sent).singleElement().satisfies(sent -> {
                assertThat(sent.message().type()).isEqualTo(CoapType.ACK);
                assertThat(sent.message().payloadUtf8()).isEqualTo("quick");
            });
        }

        @Test
        @DisplayName("a handler error becomes 5.00")
        void handlerError() {
            StackHarness harness = new StackHarness(StackConfig.defaults(),
                    (request, peer, multicast) -> Mono.error(new IllegalStateException("bug")));
            harness.stack.receive(request(CoapType.CON, 52), CLIENT, false);
            assertThat(harness.last().message().code()).isEqualTo(CoapCode.INTERNAL_SERVER_ERROR);
            assertThat(harness.counters.serverErrors.sum()).isEqualTo(1);
        }
    }

    @Nested
    class Options {

        @Test
        @DisplayName("§5.4.1: an unrecognized critical option gets 4.02, the handler does not run")
        void badOption() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            CoapMessage request = request(CoapType.CON, 60).toBuilder()
                    .options(CoapOptions.builder().uriPath("/r").add(2049, new byte[] {1}).build()).build();
            harness.stack.receive(request, CLIENT, false);
            assertThat(handled).hasValue(0);
            assertThat(harness.last().message().code()).isEqualTo(CoapCode.BAD_OPTION);
            assertThat(harness.last().message().payloadUtf8()).contains("Option-2049");
        }

        @Test
        @DisplayName("§5.4.1: an unrecognized elective option is ignored")
        void electiveOption() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            CoapMessage request = request(CoapType.CON, 61).toBuilder()
                    .options(CoapOptions.builder().uriPath("/r").add(2048, new byte[] {1}).build()).build();
            harness.stack.receive(request, CLIENT, false);
            assertThat(handled).hasValue(1);
        }

        @Test
        @DisplayName("§5.10.2: a Proxy-Uri request to a non-proxy gets 5.05")
        void proxy() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            CoapMessage request = request(CoapType.CON, 62).toBuilder()
                    .options(CoapOptions.builder().add(CoapOption.PROXY_URI, "coap://x/y").build()).build();
            harness.stack.receive(request, CLIENT, false);
            assertThat(harness.last().message().code()).isEqualTo(CoapCode.PROXYING_NOT_SUPPORTED);
        }

        @Test
        @DisplayName("RFC 7967: No-Response suppresses the response; a CON still gets an empty ACK")
        void noResponse() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            CoapOptions suppress2xx = CoapOptions.builder().uriPath("/r").addUint(CoapOption.NO_RESPONSE, 2)
                    .build();
            harness.stack.receive(request(CoapType.NON, 63).toBuilder().options(suppress2xx).build(), CLIENT,
                    false);
            assertThat(harness.sent).isEmpty();
            harness.stack.receive(request(CoapType.CON, 64).toBuilder().options(suppress2xx).build(), CLIENT,
                    false);
            assertThat(harness.last().message().isEmpty()).isTrue();
            assertThat(harness.last().message().type()).isEqualTo(CoapType.ACK);
            assertThat(handled).hasValue(2);
        }
    }

    @Nested
    class MessageLayer {

        @Test
        @DisplayName("§4.3: an empty CON (ping) is answered with RST")
        void ping() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            harness.stack.receive(CoapMessage.empty(CoapType.CON, 77), CLIENT, false);
            assertThat(harness.last().message()).isEqualTo(CoapMessage.empty(CoapType.RST, 77));
        }

        @Test
        @DisplayName("§4.2/§4.3: a malformed CON is answered with RST, a malformed NON dropped; both counted")
        void malformed() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            harness.stack.malformed(new CoapFormatException(FormatError.RESERVED_OPTION_NIBBLE, CoapType.CON, 5),
                    CLIENT);
            harness.stack.malformed(new CoapFormatException(FormatError.RESERVED_OPTION_NIBBLE, CoapType.NON, 6),
                    CLIENT);
            harness.stack.malformed(new CoapFormatException(FormatError.TRUNCATED_HEADER, null, -1), CLIENT);
            assertThat(harness.sent).singleElement().extracting(OutboundProbe.Sent::message)
                    .isEqualTo(CoapMessage.empty(CoapType.RST, 5));
            assertThat(harness.counters.formatErrors.sum()).isEqualTo(3);
            assertThat(harness.counters.resetsSent.sum()).isEqualTo(1);
        }

        @Test
        @DisplayName("an ACK or RST matching nothing is counted and ignored")
        void unmatched() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            harness.stack.receive(CoapMessage.empty(CoapType.ACK, 3), CLIENT, false);
            harness.stack.receive(CoapMessage.empty(CoapType.RST, 4), CLIENT, false);
            assertThat(harness.sent).isEmpty();
            assertThat(harness.counters.unmatched.sum()).isEqualTo(2);
        }

        @Test
        @DisplayName("when the peer table is full a CON gets 5.03 and nothing is remembered")
        void peerTableFull() {
            StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.MAX_PEERS, 1), counting());
            harness.stack.receive(request(CoapType.CON, 1), CLIENT, false);
            harness.stack.receive(request(CoapType.CON, 1), OTHER, false);
            assertThat(harness.last().message().code()).isEqualTo(CoapCode.SERVICE_UNAVAILABLE);
            assertThat(harness.counters.rejected.sum()).isEqualTo(1);
        }
    }

    @Nested
    class Multicast {

        @Test
        @DisplayName("§8.2: a multicast NON request is answered with a NON after a random leisure (seed 42: 10 ms of 5 s)")
        void leisure() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            harness.stack.receive(request(CoapType.NON, 90), CLIENT, true);
            harness.timer.advance(Duration.ofMillis(LEISURE_OF_SEED_42_MILLIS - 1));
            assertThat(harness.sent).as("nothing before the drawn leisure").isEmpty();
            harness.timer.advance(Duration.ofMillis(1));
            assertThat(harness.sent).singleElement().satisfies(sent -> {
                assertThat(sent.message().type()).isEqualTo(CoapType.NON);
                assertThat(sent.atNanos()).isEqualTo(Duration.ofMillis(LEISURE_OF_SEED_42_MILLIS).toNanos());
            });
        }

        @Test
        @DisplayName("§8.2: an error to a multicast request is not sent, though the handler ran")
        void noErrors() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), (request, peer, multicast) -> {
                handled.incrementAndGet();
                return Mono.just(StackHarness.text(CoapCode.NOT_FOUND, ""));
            });
            harness.stack.receive(request(CoapType.NON, 91), CLIENT, true);
            harness.timer.advance(Duration.ofSeconds(10));
            assertThat(handled).as("the request was processed").hasValue(1);
            assertThat(harness.sent).isEmpty();
            assertThat(harness.counters.clientErrors.sum()).isEqualTo(1);
        }

        @Test
        @DisplayName("§8.1: a CON request to a multicast group is ignored: not processed, not answered, counted")
        void confirmableIgnored() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), counting());
            harness.stack.receive(request(CoapType.CON, 92), CLIENT, true);
            harness.timer.advance(Duration.ofSeconds(10));
            assertThat(handled).as("the handler never ran").hasValue(0);
            assertThat(harness.sent).isEmpty();
            assertThat(harness.counters.rejected.sum()).isEqualTo(1);
            assertThat(harness.counters.requests.sum()).isZero();
        }
    }
}
