package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.tributary.coap.message.BlockOption;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.core.config.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The server side of block-wise transfer (RFC 7959) on a virtual clock. */
class BlockwiseLayerTest {

    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.30", 40000);
    static final InetSocketAddress OTHER = new InetSocketAddress("192.0.2.31", 40000);

    /** 2,500 bytes, each the low byte of its offset, so any misplaced block shows. */
    static final byte[] LARGE = body(2500);

    private int messageId = 1;

    static byte[] body(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static Response content(byte[] payload) {
        return new DerivedResponse(CoapCode.CONTENT, CoapOptions.EMPTY.withUint(CoapOption.CONTENT_FORMAT, 42),
                payload, null);
    }

    private CoapMessage request(CoapCode code, CoapOptions.Builder options, byte[] payload) {
        return CoapMessage.builder(CoapType.CON, code).messageId(messageId++).token(new byte[] {7})
                .options(options.uriPath("/large").build()).payload(payload).build();
    }

    private CoapMessage get(BlockOption block2) {
        CoapOptions.Builder options = CoapOptions.builder();
        if (block2 != null) {
            options.add(CoapOption.BLOCK2, block2.encode());
        }
        return request(CoapCode.GET, options, new byte[0]);
    }

    private static CoapMessage exchange(StackHarness harness, CoapMessage request, InetSocketAddress from) {
        harness.stack.receive(request, from, false);
        return harness.last().message();
    }

    private static BlockOption block2(CoapMessage response) {
        return BlockOption.of(response.options(), CoapOption.BLOCK2);
    }

    private static BlockOption block1(CoapMessage response) {
        return BlockOption.of(response.options(), CoapOption.BLOCK1);
    }

    @Nested
    class Block2 {

        @Test
        @DisplayName("§2.4: a response over the block size is cut into 1,024-byte blocks unasked, tied by one ETag;"
                + " the client fetches the rest by NUM")
        void unaskedBlocks() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), (r, p, m) -> Mono.just(content(LARGE)));
            CoapMessage first = exchange(harness, get(null), CLIENT);
            assertThat(first.code()).isEqualTo(CoapCode.CONTENT);
            assertThat(block2(first)).isEqualTo(new BlockOption(0, true, 6));
            assertThat(first.payload()).isEqualTo(Arrays.copyOfRange(LARGE, 0, 1024));
            byte[] etag = first.options().first(CoapOption.ETAG);
            assertThat(etag).hasSize(8);
            CoapMessage second = exchange(harness, get(new BlockOption(1, false, 6)), CLIENT);
            CoapMessage third = exchange(harness, get(new BlockOption(2, false, 6)), CLIENT);
            assertThat(block2(second)).isEqualTo(new BlockOption(1, true, 6));
            assertThat(block2(third)).isEqualTo(new BlockOption(2, false, 6));
            assertThat(second.options().first(CoapOption.ETAG)).isEqualTo(etag);
            assertThat(third.options().first(CoapOption.ETAG)).isEqualTo(etag);
            assertThat(third.payload()).isEqualTo(Arrays.copyOfRange(LARGE, 2048, 2500));
            assertThat(third.options().contentFormat()).isEqualTo(42);
        }

        @Test
        @DisplayName("§2.4 early negotiation: a first request with SZX 2 gets 64-byte blocks")
        void earlyNegotiation() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), (r, p, m) -> Mono.just(content(LARGE)));
            CoapMessage first = exchange(harness, get(new BlockOption(0, false, 2)), CLIENT);
            assertThat(block2(first)).isEqualTo(new BlockOption(0, true, 2));
            assertThat(first.payload()).isEqualTo(Arrays.copyOfRange(LARGE, 0, 64));
        }

        @Test
        @DisplayName("§2.4 late negotiation (TD_COAP_BLOCK_02): after block 0 of 1,024 bytes, NUM 2 at 512 bytes"
                + " continues at byte 1,024")
        void lateNegotiation() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), (r, p, m) -> Mono.just(content(LARGE)));
            exchange(harness, get(null), CLIENT);
            CoapMessage next = exchange(harness, get(new BlockOption(2, false, 5)), CLIENT);
            assertThat(block2(next)).isEqualTo(new BlockOption(2, true, 5));
            assertThat(next.payload()).isEqualTo(Arrays.copyOfRange(LARGE, 1024, 1536));
        }

        @Test
        @DisplayName("a client asking for larger blocks than block-size gets ours, NUM rescaled")
        void serverPreference() {
            StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.BLOCK_SIZE, 256),
                    (r, p, m) -> Mono.just(content(LARGE)));
            CoapMessage next = exchange(harness, get(new BlockOption(1, false, 6)), CLIENT);
            assertThat(block2(next)).isEqualTo(new BlockOption(4, true, 4));
            assertThat(next.payload()).isEqualTo(Arrays.copyOfRange(LARGE, 1024, 1280));
        }

        @Test
        @DisplayName("§4: Size2 0 in the request asks for the representation's size")
        void size2() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), (r, p, m) -> Mono.just(content(LARGE)));
            CoapMessage first = exchange(harness, request(CoapCode.GET,
                    CoapOptions.builder().addUint(CoapOption.SIZE2, 0), new byte[0]), CLIENT);
            assertThat(first.options().uint(CoapOption.SIZE2, -1)).isEqualTo(2500);
            CoapMessage small = exchange(new StackHarness(StackConfig.defaults(), (r, p, m) -> Mono.just(content(
                    new byte[10]))), request(CoapCode.GET, CoapOptions.builder().addUint(CoapOption.SIZE2, 0),
                    new byte[0]), CLIENT);
            assertThat(small.options().uint(CoapOption.SIZE2, -1)).isEqualTo(10);
        }

        @Test
        @DisplayName("a representation that changed between blocks comes with another ETag, so the client restarts")
        void changedRepresentation() {
            AtomicReference<byte[]> current = new AtomicReference<>(LARGE);
            StackHarness harness = new StackHarness(StackConfig.defaults(),
                    (r, p, m) -> Mono.just(content(current.get())));
            byte[] before = exchange(harness, get(null), CLIENT).options().first(CoapOption.ETAG);
            byte[] changed = LARGE.clone();
            changed[2000] ^= 1;
            current.set(changed);
            byte[] after = exchange(harness, get(new BlockOption(1, false, 6)), CLIENT).options()
                    .first(CoapOption.ETAG);
            assertThat(after).isNotEqualTo(before);
        }

        @Test
        @DisplayName("a block beyond the representation gets 4.02; SZX 7 gets 4.00")
        void badBlocks() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), (r, p, m) -> Mono.just(content(LARGE)));
            assertThat(exchange(harness, get(new BlockOption(3, false, 6)), CLIENT).code())
                    .isEqualTo(CoapCode.BAD_OPTION);
            assertThat(exchange(harness, get(new BlockOption(0, false, 7)), CLIENT).code())
                    .isEqualTo(CoapCode.BAD_REQUEST);
        }

        @Test
        @DisplayName("a small response to a plain request goes as it is: no Block2, no ETag")
        void smallUntouched() {
            StackHarness harness = new StackHarness(StackConfig.defaults(),
                    (r, p, m) -> Mono.just(content(new byte[1024])));
            CoapMessage response = exchange(harness, get(null), CLIENT);
            assertThat(response.options().has(CoapOption.BLOCK2)).isFalse();
            assertThat(response.options().has(CoapOption.ETAG)).isFalse();
            assertThat(response.payload()).hasSize(1024);
        }

        @Test
        @DisplayName("§2.7: the large response to a POST is kept; POST with Block2 NUM 1 gets block 1 without running"
                + " the handler again")
        void keptForOtherMethods() {
            List<CoapMessage> handled = new ArrayList<>();
            StackHarness harness = new StackHarness(StackConfig.defaults(), (request, p, m) -> {
                handled.add(request);
                return Mono.just(content(LARGE));
            });
            CoapMessage first = exchange(harness, request(CoapCode.POST, CoapOptions.builder(), new byte[] {1}),
                    CLIENT);
            assertThat(block2(first)).isEqualTo(new BlockOption(0, true, 6));
            CoapMessage second = exchange(harness, request(CoapCode.POST, CoapOptions.builder()
                    .add(CoapOption.BLOCK2, new BlockOption(1, false, 6).encode()), new byte[0]), CLIENT);
            CoapMessage third = exchange(harness, request(CoapCode.POST, CoapOptions.builder()
                    .add(CoapOption.BLOCK2, new BlockOption(2, false, 6).encode()), new byte[0]), CLIENT);
            assertThat(handled).hasSize(1);
            assertThat(second.payload()).isEqualTo(Arrays.copyOfRange(LARGE, 1024, 2048));
            assertThat(block2(third).more()).isFalse();
            assertThat(harness.stack.transferBytes()).as("the last block frees the kept response").isZero();
            CoapMessage again = exchange(harness, request(CoapCode.POST, CoapOptions.builder()
                    .add(CoapOption.BLOCK2, new BlockOption(1, false, 6).encode()), new byte[0]), CLIENT);
            assertThat(again.code()).isEqualTo(CoapCode.REQUEST_ENTITY_INCOMPLETE);
        }
    }

    @Nested
    class Block1 {

        private final List<CoapMessage> handled = new ArrayList<>();

        private Responder recording() {
            return (request, peer, multicast) -> {
                handled.add(request);
                return Mono.just(new DerivedResponse(CoapCode.CHANGED, CoapOptions.EMPTY, new byte[0], null));
            };
        }

        private CoapMessage put(BlockOption block, byte[] payload, CoapOptions.Builder extra) {
            return request(CoapCode.PUT, extra.add(CoapOption.BLOCK1, block.encode()), payload);
        }

        private CoapMessage put(BlockOption block, byte[] payload) {
            return put(block, payload, CoapOptions.builder());
        }

        private CoapMessage upload(StackHarness harness, byte[] bodyToSend, int szx, InetSocketAddress from,
                                   CoapOptions.Builder... firstExtra) {
            int size = 1 << (szx + 4);
            CoapMessage last = null;
            for (int num = 0; num * size < bodyToSend.length; num++) {
                int end = Math.min((num + 1) * size, bodyToSend.length);
                CoapOptions.Builder extra = num == 0 && firstExtra.length > 0 ? firstExtra[0] : CoapOptions.builder();
                last = exchange(harness, put(new BlockOption(num, end < bodyToSend.length, szx),
                        Arrays.copyOfRange(bodyToSend, num * size, end), extra), from);
                if (last.code() != CoapCode.CONTINUE) {
                    break;
                }
            }
            return last;
        }

        @Test
        @DisplayName("§2.3 atomic upload (TD_COAP_BLOCK_03): 2.31 with Block1 M=1 per intermediate block, the handler"
                + " sees the whole body once, the final response echoes Block1 M=0")
        void atomicUpload() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), recording());
            CoapMessage continued = exchange(harness, put(new BlockOption(0, true, 6),
                    Arrays.copyOfRange(LARGE, 0, 1024)), CLIENT);
            assertThat(continued.code()).isEqualTo(CoapCode.CONTINUE);
            assertThat(block1(continued)).isEqualTo(new BlockOption(0, true, 6));
            assertThat(handled).isEmpty();
            exchange(harness, put(new BlockOption(1, true, 6), Arrays.copyOfRange(LARGE, 1024, 2048)), CLIENT);
            CoapMessage last = exchange(harness, put(new BlockOption(2, false, 6),
                    Arrays.copyOfRange(LARGE, 2048, 2500)), CLIENT);
            assertThat(last.code()).isEqualTo(CoapCode.CHANGED);
            assertThat(block1(last)).isEqualTo(new BlockOption(2, false, 6));
            assertThat(handled).singleElement().satisfies(whole -> {
                assertThat(whole.payload()).isEqualTo(LARGE);
                assertThat(whole.options().has(CoapOption.BLOCK1)).isFalse();
                assertThat(whole.options().uriPath()).containsExactly("large");
            });
            assertThat(harness.stack.transferBytes()).isZero();
        }

        @Test
        @DisplayName("§2.3: the server's smaller block size goes back in the 2.31; the client's next NUM counts in it")
        void smallerServerBlocks() {
            StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.BLOCK_SIZE, 512),
                    recording());
            CoapMessage continued = exchange(harness, put(new BlockOption(0, true, 6),
                    Arrays.copyOfRange(LARGE, 0, 1024)), CLIENT);
            assertThat(block1(continued)).isEqualTo(new BlockOption(0, true, 5));
            exchange(harness, put(new BlockOption(2, true, 5), Arrays.copyOfRange(LARGE, 1024, 1536)), CLIENT);
            exchange(harness, put(new BlockOption(3, true, 5), Arrays.copyOfRange(LARGE, 1536, 2048)), CLIENT);
            exchange(harness, put(new BlockOption(4, false, 5), Arrays.copyOfRange(LARGE, 2048, 2500)), CLIENT);
            assertThat(handled).singleElement().extracting(CoapMessage::payload).isEqualTo(LARGE);
        }

        @Test
        @DisplayName("§2.3: a block without its predecessors, or out of order, gets 4.08 and the transfer is dropped")
        void incomplete() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), recording());
            assertThat(exchange(harness, put(new BlockOption(1, true, 6), new byte[1024]), CLIENT).code())
                    .isEqualTo(CoapCode.REQUEST_ENTITY_INCOMPLETE);
            exchange(harness, put(new BlockOption(0, true, 6), new byte[1024]), CLIENT);
            assertThat(exchange(harness, put(new BlockOption(2, false, 6), new byte[10]), CLIENT).code())
                    .isEqualTo(CoapCode.REQUEST_ENTITY_INCOMPLETE);
            assertThat(exchange(harness, put(new BlockOption(1, false, 6), new byte[10]), CLIENT).code())
                    .as("the out-of-order block dropped the transfer").isEqualTo(CoapCode.REQUEST_ENTITY_INCOMPLETE);
            assertThat(handled).isEmpty();
            assertThat(harness.stack.transferBytes()).isZero();
        }

        @Test
        @DisplayName("§2.9.3: Size1 over max-body-size gets 4.13 with Size1 naming the limit, before any buffering")
        void announcedTooLarge() {
            StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.MAX_BODY_SIZE, 2000),
                    recording());
            CoapMessage refused = exchange(harness, put(new BlockOption(0, true, 6), new byte[1024],
                    CoapOptions.builder().addUint(CoapOption.SIZE1, 2500)), CLIENT);
            assertThat(refused.code()).isEqualTo(CoapCode.REQUEST_ENTITY_TOO_LARGE);
            assertThat(refused.options().uint(CoapOption.SIZE1, -1)).isEqualTo(2000);
            assertThat(harness.stack.transferBytes()).isZero();
        }

        @Test
        @DisplayName("§2.9.3: a body growing past max-body-size gets 4.13 with Size1, and its buffer is freed")
        void grownTooLarge() {
            StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.MAX_BODY_SIZE, 2000),
                    recording());
            CoapMessage refused = upload(harness, LARGE, 6, CLIENT);
            assertThat(refused.code()).isEqualTo(CoapCode.REQUEST_ENTITY_TOO_LARGE);
            assertThat(refused.options().uint(CoapOption.SIZE1, -1)).isEqualTo(2000);
            assertThat(harness.stack.transferBytes()).isZero();
            assertThat(handled).isEmpty();
        }

        @Test
        @DisplayName("RFC 9175 §3: uploads to one resource with different Request-Tags are kept apart")
        void requestTags() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), recording());
            byte[] other = new byte[1500];
            Arrays.fill(other, (byte) 9);
            exchange(harness, put(new BlockOption(0, true, 6), Arrays.copyOfRange(LARGE, 0, 1024),
                    CoapOptions.builder().add(CoapOption.REQUEST_TAG, new byte[] {1})), CLIENT);
            exchange(harness, put(new BlockOption(0, true, 6), Arrays.copyOfRange(other, 0, 1024),
                    CoapOptions.builder().add(CoapOption.REQUEST_TAG, new byte[] {2})), CLIENT);
            exchange(harness, put(new BlockOption(1, false, 6), Arrays.copyOfRange(other, 1024, 1500),
                    CoapOptions.builder().add(CoapOption.REQUEST_TAG, new byte[] {2})), CLIENT);
            exchange(harness, put(new BlockOption(1, false, 6), Arrays.copyOfRange(LARGE, 1024, 2500),
                    CoapOptions.builder().add(CoapOption.REQUEST_TAG, new byte[] {1})), CLIENT);
            assertThat(handled).extracting(CoapMessage::payload).containsExactly(other, LARGE);
        }

        @Test
        @DisplayName("without Request-Tag a new block 0 starts over; the older transfer's next block gets 4.08")
        void restartWithoutTag() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), recording());
            exchange(harness, put(new BlockOption(0, true, 6), new byte[1024]), CLIENT);
            exchange(harness, put(new BlockOption(1, true, 6), new byte[1024]), CLIENT);
            exchange(harness, put(new BlockOption(0, true, 6), new byte[1024]), CLIENT);
            assertThat(exchange(harness, put(new BlockOption(2, false, 6), new byte[10]), CLIENT).code())
                    .isEqualTo(CoapCode.REQUEST_ENTITY_INCOMPLETE);
        }

        @Test
        @DisplayName("§2.4: a transfer expires EXCHANGE_LIFETIME (247 s) after its last block, counted")
        void expiry() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), recording());
            exchange(harness, put(new BlockOption(0, true, 6), new byte[1024]), CLIENT);
            harness.timer.advance(Duration.ofSeconds(246));
            assertThat(harness.stack.transferBytes()).isPositive();
            harness.timer.advance(Duration.ofSeconds(2));
            assertThat(harness.stack.transferBytes()).isZero();
            assertThat(harness.counters.transfersExpired.sum()).isEqualTo(1);
            assertThat(exchange(harness, put(new BlockOption(1, false, 6), new byte[10]), CLIENT).code())
                    .isEqualTo(CoapCode.REQUEST_ENTITY_INCOMPLETE);
        }

        @Test
        @DisplayName("max-transfers-per-peer: a new transfer evicts the peer's oldest, counted; other peers keep theirs")
        void perPeerCap() {
            StackHarness harness = new StackHarness(StackConfig.defaults().with(StackConfig.MAX_TRANSFERS_PER_PEER, 2),
                    recording());
            exchange(harness, put(new BlockOption(0, true, 6), new byte[1024], CoapOptions.builder()
                    .add(CoapOption.REQUEST_TAG, new byte[] {9})), OTHER);
            for (byte tag = 1; tag <= 3; tag++) {
                exchange(harness, put(new BlockOption(0, true, 6), new byte[1024], CoapOptions.builder()
                        .add(CoapOption.REQUEST_TAG, new byte[] {tag})), CLIENT);
            }
            assertThat(harness.counters.transfersEvicted.sum()).isEqualTo(1);
            assertThat(exchange(harness, put(new BlockOption(1, false, 6), new byte[10], CoapOptions.builder()
                    .add(CoapOption.REQUEST_TAG, new byte[] {1})), CLIENT).code())
                    .as("tag 1 was the oldest").isEqualTo(CoapCode.REQUEST_ENTITY_INCOMPLETE);
            assertThat(exchange(harness, put(new BlockOption(1, false, 6), new byte[10], CoapOptions.builder()
                    .add(CoapOption.REQUEST_TAG, new byte[] {9})), OTHER).code()).isEqualTo(CoapCode.CHANGED);
        }

        @Test
        @DisplayName("max-transfer-bytes: a block that does not fit gets 5.03, counted")
        void totalCap() {
            Settings config = StackConfig.defaults().with(StackConfig.MAX_TRANSFER_BYTES, 4096);
            StackHarness harness = new StackHarness(config, recording());
            CoapMessage first = exchange(harness, put(new BlockOption(0, true, 6), new byte[1024], CoapOptions
                    .builder().addUint(CoapOption.SIZE1, 4000)), CLIENT);
            assertThat(first.code()).isEqualTo(CoapCode.CONTINUE);
            CoapMessage refused = exchange(harness, put(new BlockOption(0, true, 6), new byte[1024]), OTHER);
            assertThat(refused.code()).isEqualTo(CoapCode.SERVICE_UNAVAILABLE);
            assertThat(harness.counters.transfersRefused.sum()).isEqualTo(1);
        }

        @Test
        @DisplayName("a block other than the last with fewer bytes than its SZX gets 4.00")
        void shortBlock() {
            StackHarness harness = new StackHarness(StackConfig.defaults(), recording());
            assertThat(exchange(harness, put(new BlockOption(0, true, 6), new byte[1000]), CLIENT).code())
                    .isEqualTo(CoapCode.BAD_REQUEST);
        }

        @Test
        @DisplayName("§2.7 Block1 + Block2: the upload's large response comes in blocks the client fetches with"
                + " Block2 alone")
        void uploadWithLargeResponse() {
            ByteArrayOutputStream echoed = new ByteArrayOutputStream();
            StackHarness harness = new StackHarness(StackConfig.defaults(),
                    (request, p, m) -> Mono.just(content(request.payload())));
            CoapMessage first = upload(harness, LARGE, 6, CLIENT);
            assertThat(block1(first)).isEqualTo(new BlockOption(2, false, 6));
            assertThat(block2(first)).isEqualTo(new BlockOption(0, true, 6));
            echoed.writeBytes(first.payload());
            for (int num = 1; num <= 2; num++) {
                CoapMessage block = exchange(harness, request(CoapCode.PUT, CoapOptions.builder()
                        .add(CoapOption.BLOCK2, new BlockOption(num, false, 6).encode()), new byte[0]), CLIENT);
                assertThat(block.options().has(CoapOption.BLOCK1)).isFalse();
                echoed.writeBytes(block.payload());
            }
            assertThat(echoed.toByteArray()).isEqualTo(LARGE);
        }
    }
}
