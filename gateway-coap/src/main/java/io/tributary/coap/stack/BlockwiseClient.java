package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import io.tributary.coap.message.BlockOption;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.core.config.Settings;
import reactor.core.publisher.Mono;

/**
 * Block-wise transfer on the client side (RFC 7959): a body larger than {@code block-size} goes out in Block1
 * blocks with Size1 and a Request-Tag (RFC 9175), each after the 2.31 of the one before, at the smaller block size
 * the server may ask for (§2.3); a response in Block2 blocks is fetched block by block with the request's options
 * and joined, as long as every block carries the first one's ETag: a changed representation starts a GET over,
 * a few times at most. A GET asks for smaller blocks than 1,024 bytes early when {@code block-size} says so (§2.4).
 */
final class BlockwiseClient {

    private static final int RESTARTS = 3;

    private final ClientLayer layer;
    private final int blockSize;
    private final int szx;

    BlockwiseClient(ClientLayer layer, Settings protocol) {
        this.layer = layer;
        this.blockSize = protocol.get(StackConfig.BLOCK_SIZE);
        this.szx = BlockOption.szx(blockSize);
    }

    /**
     * A request whose body and response may span blocks; the response comes whole, unless the request named a
     * block after the first itself (Block2 NUM above 0: random access, §2.4), which then comes alone. Block2 NUM 0
     * in the request asks for that block size (early negotiation).
     */
    Mono<CoapMessage> send(CoapMessage template, InetSocketAddress peer, boolean confirmable, int maxBodySize) {
        BlockOption asked = BlockOption.of(template.options(), CoapOption.BLOCK2);
        if (asked != null && asked.num() > 0) {
            return layer.exchange(template, peer, confirmable, null);
        }
        Mono<CoapMessage> first;
        if (template.payload().length > blockSize) {
            byte[] tag = new byte[4];
            ThreadLocalRandom.current().nextBytes(tag);
            first = upload(template, peer, confirmable, tag, 0, szx);
        } else {
            first = layer.exchange(early(template), peer, confirmable, null);
        }
        return first.flatMap(response -> whole(template, peer, confirmable, response, maxBodySize));
    }

    /**
     * @param template the request the response answers (its follow-ups carry its options, Observe excepted)
     * @param first the response, perhaps the first of several Block2 blocks
     * @return the response with its whole body
     */
    Mono<CoapMessage> whole(CoapMessage template, InetSocketAddress peer, boolean confirmable, CoapMessage first,
                            int maxBodySize) {
        BlockOption block = BlockOption.of(first.options(), CoapOption.BLOCK2);
        if (block == null || !block.more()) {
            return Mono.just(first);
        }
        return Mono.defer(() -> new Reassembly(template, peer, confirmable, maxBodySize).start(first, block));
    }

    private CoapMessage early(CoapMessage template) {
        boolean safe = template.code() == CoapCode.GET || template.code() == CoapCode.FETCH;
        if (!safe || szx == BlockOption.MAX_SZX || template.options().has(CoapOption.BLOCK2)) {
            return template;
        }
        return template.toBuilder().options(template.options().with(CoapOption.BLOCK2,
                new BlockOption(0, false, szx).encode())).build();
    }

    private Mono<CoapMessage> upload(CoapMessage template, InetSocketAddress peer, boolean confirmable, byte[] tag,
                                     int offset, int exponent) {
        byte[] body = template.payload();
        int size = 1 << (exponent + 4);
        int end = Math.min(offset + size, body.length);
        boolean more = end < body.length;
        CoapOptions options = template.options().with(CoapOption.BLOCK1,
                new BlockOption(offset / size, more, exponent).encode()).with(CoapOption.REQUEST_TAG, tag);
        if (offset == 0) {
            options = options.withUint(CoapOption.SIZE1, body.length);
        }
        CoapMessage block = template.toBuilder().options(options).payload(Arrays.copyOfRange(body, offset, end))
                .build();
        return layer.exchange(block, peer, confirmable, null).flatMap(response -> {
            if (!more || response.code() != CoapCode.CONTINUE) {
                return Mono.just(response);
            }
            BlockOption asked = BlockOption.of(response.options(), CoapOption.BLOCK1);
            int next = asked == null || asked.reserved() ? exponent : Math.min(exponent, asked.szx());
            return upload(template, peer, confirmable, tag, end, next);
        });
    }

    /** One response being fetched block by block; used by one subscription at a time. */
    private final class Reassembly {
        private final CoapMessage followUp;
        private final InetSocketAddress peer;
        private final boolean confirmable;
        private final int maxBodySize;
        private final boolean safe;
        private CoapMessage first;
        private byte[] etag;
        private byte[] body;
        private int length;
        private int restarts;

        Reassembly(CoapMessage template, InetSocketAddress peer, boolean confirmable, int maxBodySize) {
            CoapOptions options = template.options().without(CoapOption.OBSERVE).without(CoapOption.BLOCK1)
                    .without(CoapOption.SIZE1).without(CoapOption.REQUEST_TAG).without(CoapOption.BLOCK2);
            // §2.7: the follow-ups of a Block1 transfer's response carry no payload and no Block1.
            this.followUp = template.toBuilder().options(options).payload(new byte[0]).build();
            this.peer = peer;
            this.confirmable = confirmable;
            this.maxBodySize = maxBodySize;
            this.safe = template.code() == CoapCode.GET || template.code() == CoapCode.FETCH;
        }

        Mono<CoapMessage> start(CoapMessage response, BlockOption block) {
            first = response;
            etag = response.options().first(CoapOption.ETAG);
            length = 0;
            long announced = response.options().uint(CoapOption.SIZE2, -1);
            if (announced > maxBodySize) {
                return Mono.error(tooLarge(announced));
            }
            body = new byte[(int) Math.min(maxBodySize, Math.max(announced, 4L * block.size()))];
            if (!append(response.payload())) {
                return Mono.error(tooLarge(length + response.payload().length));
            }
            return next(block.num() + 1, block.szx());
        }

        private Mono<CoapMessage> next(int num, int exponent) {
            CoapMessage request = followUp.toBuilder().options(followUp.options().with(CoapOption.BLOCK2,
                    new BlockOption(num, false, exponent).encode())).build();
            return layer.exchange(request, peer, confirmable, null).flatMap(response -> {
                BlockOption block = BlockOption.of(response.options(), CoapOption.BLOCK2);
                if (response.code() != first.code() || block == null || block.offset() != length
                        || !Arrays.equals(etag, response.options().first(CoapOption.ETAG))) {
                    return restart(response);
                }
                if (!append(response.payload())) {
                    return Mono.error(tooLarge(length + response.payload().length));
                }
                return block.more() ? next(block.num() + 1, block.szx()) : Mono.just(joined());
            });
        }

        /** The representation changed (another ETag), or the server lost track: a GET starts over. */
        private Mono<CoapMessage> restart(CoapMessage response) {
            if (!safe || ++restarts > RESTARTS) {
                return Mono.error(new ExchangeFailure(ExchangeFailure.Reason.INCOMPLETE, "block-wise response from "
                        + peer + " could not be completed: block " + length + " bytes in answered " + response));
            }
            CoapMessage again = followUp.toBuilder().options(followUp.options().with(CoapOption.BLOCK2,
                    new BlockOption(0, false, szx).encode())).build();
            return layer.exchange(again, peer, confirmable, null).flatMap(fresh -> {
                BlockOption block = BlockOption.of(fresh.options(), CoapOption.BLOCK2);
                return block == null || !block.more() ? Mono.just(fresh) : start(fresh, block);
            });
        }

        private boolean append(byte[] part) {
            if (length + part.length > maxBodySize) {
                return false;
            }
            if (length + part.length > body.length) {
                body = Arrays.copyOf(body, (int) Math.min(maxBodySize, Math.max(length + part.length,
                        2L * body.length)));
            }
            System.arraycopy(part, 0, body, length, part.length);
            length += part.length;
            return true;
        }

        private CoapMessage joined() {
            return first.toBuilder().options(first.options().without(CoapOption.BLOCK2))
                    .payload(Arrays.copyOf(body, length)).build();
        }

        private ExchangeFailure tooLarge(long size) {
            return new ExchangeFailure(ExchangeFailure.Reason.INCOMPLETE, "response from " + peer + " of " + size
                    + " bytes or more exceeds the " + maxBodySize + " bytes accepted (max-body-size)");
        }
    }
}
