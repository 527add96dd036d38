package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.tributary.coap.message.BlockOption;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.core.config.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The client side of block-wise transfer (RFC 7959) against our server stack, over a virtual wire. */
class BlockwiseClientTest {

    private static final byte[] LARGE = BlockwiseLayerTest.body(3000);

    private static CoapMessage request(CoapCode code, byte[] payload) {
        return CoapMessage.builder(CoapType.CON, code).options(CoapOptions.builder().uriPath("/large").build())
                .payload(payload).build();
    }

    private static Response content(byte[] payload) {
        return new DerivedResponse(CoapCode.CONTENT, CoapOptions.EMPTY, payload, null);
    }

    private static List<CoapMessage> sentToServer(Wire wire, CoapCode code) {
        return wire.delivered.stream().map(OutboundProbe.Sent::message).filter(message -> message.code() == code)
                .toList();
    }

    @Test
    @DisplayName("§2.5: a 3,000-byte PUT goes in three Block1 blocks with Size1 and one Request-Tag; the handler gets"
            + " it whole")
    void upload() {
        List<byte[]> bodies = new ArrayList<>();
        Wire wire = new Wire(StackConfig.defaults(), (request, peer, multicast) -> {
            bodies.add(request.payload());
            return Mono.just(new DerivedResponse(CoapCode.CHANGED, CoapOptions.EMPTY, new byte[0], null));
        });
        Mono<CoapMessage> put = wire.client.client().transfer(request(CoapCode.PUT, LARGE), Wire.SERVER, true,
                MessageResults.INSTANCE, 1 << 20);
        StepVerifier.create(put)
                .then(wire::deliver)
                .assertNext(response -> assertThat(response.code()).isEqualTo(CoapCode.CHANGED))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        List<CoapMessage> blocks = sentToServer(wire, CoapCode.PUT);
        assertThat(blocks).extracting(block -> BlockOption.of(block.options(), CoapOption.BLOCK1)).containsExactly(
                new BlockOption(0, true, 6), new BlockOption(1, true, 6), new BlockOption(2, false, 6));
        assertThat(blocks.get(0).options().uint(CoapOption.SIZE1, -1)).isEqualTo(3000);
        assertThat(blocks).extracting(block -> block.options().first(CoapOption.REQUEST_TAG))
                .allSatisfy(tag -> assertThat(tag).hasSize(4).isEqualTo(blocks.get(0).options()
                        .first(CoapOption.REQUEST_TAG)));
        assertThat(bodies).singleElement().isEqualTo(LARGE);
    }

    @Test
    @DisplayName("§2.4: a response in Block2 blocks comes back whole, without Block2")
    void download() {
        Wire wire = new Wire(StackConfig.defaults(), (request, peer, multicast) -> Mono.just(content(LARGE)));
        StepVerifier.create(wire.client.client().transfer(request(CoapCode.GET, new byte[0]), Wire.SERVER, true,
                        MessageResults.INSTANCE, 1 << 20))
                .then(wire::deliver)
                .assertNext(response -> {
                    assertThat(response.payload()).isEqualTo(LARGE);
                    assertThat(response.options().has(CoapOption.BLOCK2)).isFalse();
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(sentToServer(wire, CoapCode.GET)).hasSize(3);
    }

    @Test
    @DisplayName("§2.4 early negotiation: with block-size 64 the first GET asks for 64-byte blocks")
    void earlyNegotiation() {
        Settings small = StackConfig.defaults().with(StackConfig.BLOCK_SIZE, 64);
        Wire wire = new Wire(small, StackConfig.defaults(), (request, peer, multicast) -> Mono.just(content(LARGE)),
                1, 0);
        StepVerifier.create(wire.client.client().transfer(request(CoapCode.GET, new byte[0]), Wire.SERVER, true,
                        MessageResults.INSTANCE, 1 << 20))
                .then(wire::deliver)
                .assertNext(response -> assertThat(response.payload()).isEqualTo(LARGE))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        List<CoapMessage> gets = sentToServer(wire, CoapCode.GET);
        assertThat(BlockOption.of(gets.get(0).options(), CoapOption.BLOCK2)).isEqualTo(new BlockOption(0, false, 2));
        assertThat(gets).hasSize(47);
    }

    @Test
    @DisplayName("a representation that changes during the transfer (another ETag) is fetched again from block 0")
    void restartOnNewEtag() {
        AtomicInteger served = new AtomicInteger();
        byte[] changed = LARGE.clone();
        changed[2999] = 42;
        Wire wire = new Wire(StackConfig.defaults(), (request, peer, multicast) ->
                Mono.just(content(served.incrementAndGet() <= 2 ? LARGE : changed)));
        StepVerifier.create(wire.client.client().transfer(request(CoapCode.GET, new byte[0]), Wire.SERVER, true,
                        MessageResults.INSTANCE, 1 << 20))
                .then(wire::deliver)
                .assertNext(response -> assertThat(response.payload()).isEqualTo(changed))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        List<CoapMessage> gets = sentToServer(wire, CoapCode.GET);
        assertThat(gets).extracting(get -> {
            BlockOption block = BlockOption.of(get.options(), CoapOption.BLOCK2);
            return block == null ? 0 : block.num();
        }).containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    @DisplayName("a response larger than maxBodySize fails the request, announced by Size2 or grown")
    void tooLarge() {
        Wire wire = new Wire(StackConfig.defaults(), (request, peer, multicast) -> Mono.just(content(LARGE)));
        StepVerifier.create(wire.client.client().transfer(request(CoapCode.GET, new byte[0]), Wire.SERVER, true,
                        MessageResults.INSTANCE, 2000))
                .then(wire::deliver)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ExchangeFailure.class,
                        failure -> assertThat(failure.reason()).isEqualTo(ExchangeFailure.Reason.INCOMPLETE)))
                .verify(Duration.ofSeconds(5));
        assertThat(wire.client.client().inFlight()).isZero();
    }
}
