package io.tributary.coap.stack;

import java.util.Arrays;

import io.tributary.coap.message.BlockOption;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.EntityTag;
import io.tributary.core.config.Settings;

/**
 * Block-wise transfer on the server side (RFC 7959), between the message layer and Observe. On the way up it
 * reassembles Block1 uploads atomically: each intermediate block gets 2.31 Continue, a block out of order or without
 * its predecessors 4.08, a body announced (Size1) or grown past {@code max-body-size} 4.13 with Size1 naming the
 * limit; only the whole body reaches the responder. On the way down it cuts a response larger than the block size
 * (or one whose block the client asked for) into the requested block with Block2, an ETag tying the blocks
 * together and Size2 when asked, and echoes the final Block1. GET and FETCH keep no state between blocks: each
 * block request runs the responder again and the ETag tells the client whether the representation changed; the
 * response to another method is kept for its later blocks. Event-loop confined.
 */
final class BlockwiseLayer {

    private static final byte[] NO_PAYLOAD = new byte[0];

    private final Transfers transfers;
    /** The last response given an ETag here and its tag: a handler answering with one object is hashed once. */
    private Response tagged;
    private byte[] tag;
    private final int preferredSzx;
    private final int blockSize;
    private final int maxBodySize;

    /**
     * @param context the stack's timers and counters
     * @param protocol BLOCK_SIZE, MAX_BODY_SIZE, the transfer caps and EXCHANGE_LIFETIME, values of
     *                 {@link StackConfig#SECTION}
     */
    BlockwiseLayer(StackContext context, Settings protocol) {
        this.blockSize = protocol.get(StackConfig.BLOCK_SIZE);
        this.preferredSzx = BlockOption.szx(blockSize);
        this.maxBodySize = protocol.get(StackConfig.MAX_BODY_SIZE);
        this.transfers = new Transfers(context.wheel(), context.counters(),
                StackConfig.exchangeLifetime(protocol).toNanos(), protocol.get(StackConfig.MAX_TRANSFERS_PER_PEER),
                protocol.get(StackConfig.MAX_TRANSFER_BYTES));
    }

    /** @return the block size a larger response is cut into */
    int blockSize() {
        return blockSize;
    }

    /** @return bytes held by transfers in progress */
    long bytesHeld() {
        return transfers.bytes();
    }

    /**
     * The way up: reads Block1, Block2 and Size2 into {@code negotiated}.
     *
     * @return an answer of the layer's own (2.31, 4.00, 4.08, 4.13, 5.03, or a block of a kept response), or
     *         {@code null} when the (reassembled) request goes on to the responder
     */
    Response receive(Negotiated negotiated) {
        CoapOptions options = negotiated.request.options();
        byte[] block2 = options.first(CoapOption.BLOCK2);
        if (block2 != null) {
            negotiated.block2 = BlockOption.decode(block2);
            if (negotiated.block2 == null || negotiated.block2.reserved()) {
                return Diagnostic.of(CoapCode.BAD_REQUEST, "Block2 with reserved SZX 7 or over 3 bytes");
            }
        }
        negotiated.size2 = options.has(CoapOption.SIZE2);
        byte[] block1 = options.first(CoapOption.BLOCK1);
        if (block1 != null) {
            return upload(negotiated, BlockOption.decode(block1));
        }
        if (negotiated.block2 != null && negotiated.block2.num() > 0 && !safe(negotiated.request.code())) {
            return keptBlock(negotiated);
        }
        return null;
    }

    /**
     * The way down: echoes the final Block1 and cuts the asked (or first) block out of a response.
     *
     * @param negotiated what the request asked for
     * @param response the responder's response, with Observe already added
     * @return the response to send
     */
    Response respond(Negotiated negotiated, Response response) {
        Response out = response;
        if (negotiated.block1 != null) {
            out = DerivedResponse.withOptions(out, out.options().with(CoapOption.BLOCK1, negotiated.block1.encode()));
        }
        int length = out.payloadLength();
        if (negotiated.block2 == null && length <= blockSize) {
            return negotiated.size2 ? DerivedResponse.withOptions(out, out.options().withUint(CoapOption.SIZE2,
                    length)) : out;
        }
        Response block = slice(out, negotiated.block2, negotiated.size2);
        if (!safe(negotiated.request.code())) {
            BlockOption sent = BlockOption.of(block.options(), CoapOption.BLOCK2);
            if (sent != null && sent.more()) {
                // Kept without the Block1 echo: the follow-ups carry no Block1 (§2.7).
                keep(negotiated, response);
            }
        }
        return block;
    }

    /** @return the first block of a response to a plain request when it is larger than one block, else itself */
    Response firstBlock(Response response) {
        return response.payloadLength() > blockSize ? slice(response, null, false) : response;
    }

    /**
     * @param state a notification's state, with its Observe option
     * @param szx the relation's block size exponent
     * @return block 0 of it when larger than one block of that size (RFC 7959 §2.6), else itself
     */
    Response notificationBlock(Response state, int szx) {
        int size = 1 << (szx + 4);
        return state.payloadLength() > size ? slice(state, new BlockOption(0, false, szx), false) : state;
    }

    /** @return the block size exponent a relation registered with {@code asked} gets notifications in */
    int notificationSzx(BlockOption asked) {
        return asked == null ? preferredSzx : Math.min(asked.szx(), preferredSzx);
    }

    private Response upload(Negotiated negotiated, BlockOption block) {
        if (block == null || block.reserved()) {
            return Diagnostic.of(CoapCode.BAD_REQUEST, "Block1 with reserved SZX 7 or over 3 bytes");
        }
        CoapMessage request = negotiated.request;
        Transfers.Key key = key(negotiated);
        Transfer transfer = transfers.find(key);
        long announced = request.options().uint(CoapOption.SIZE1, -1);
        if (announced > maxBodySize) {
            if (transfer != null) {
                transfers.remove(transfer);
            }
            return tooLarge("announced " + announced + " bytes");
        }
        byte[] part = request.payload();
        if (block.num() == 0) {
            if (!block.more()) {
                negotiated.block1 = block;
                negotiated.request = whole(request, part);
                if (transfer != null) {
                    transfers.remove(transfer);
                }
                return null;
            }
            transfer = transfers.start(key);
            int capacity = announced > 0 ? (int) announced : Math.max(part.length * 4, blockSize);
            if (!transfers.reserve(transfer, capacity)) {
                transfers.remove(transfer);
                return full();
            }
            transfer.body = new byte[capacity];
        } else if (transfer == null || transfer.body == null || block.offset() != transfer.length) {
            if (transfer != null) {
                transfers.remove(transfer);
            }
            return Diagnostic.of(CoapCode.REQUEST_ENTITY_INCOMPLETE, "Block1 " + block + " does not follow the"
                    + " blocks received (RFC 7959 §2.3)");
        }
        if (block.more() && part.length != block.size()) {
            transfers.remove(transfer);
            return Diagnostic.of(CoapCode.BAD_REQUEST, "Block1 " + block + " carries " + part.length
                    + " bytes: every block but the last is SZX bytes");
        }
        int length = transfer.length + part.length;
        if (length > maxBodySize) {
            transfers.remove(transfer);
            return tooLarge(length + " bytes so far");
        }
        if (length > transfer.body.length) {
            int capacity = (int) Math.min(maxBodySize, Math.max(length, 2L * transfer.body.length));
            if (!transfers.reserve(transfer, capacity - transfer.body.length)) {
                transfers.remove(transfer);
                return full();
            }
            transfer.body = Arrays.copyOf(transfer.body, capacity);
        }
        System.arraycopy(part, 0, transfer.body, transfer.length, part.length);
        transfer.length = length;
        if (block.more()) {
            transfers.touch(transfer);
            BlockOption next = new BlockOption(block.num(), true, Math.min(block.szx(), preferredSzx));
            return new DerivedResponse(CoapCode.CONTINUE, CoapOptions.EMPTY.with(CoapOption.BLOCK1, next.encode()),
                    NO_PAYLOAD, null);
        }
        byte[] body = transfer.body.length == length ? transfer.body : Arrays.copyOf(transfer.body, length);
        transfers.remove(transfer);
        negotiated.block1 = block;
        negotiated.request = whole(request, body);
        return null;
    }

    /** The request as the responder sees it: the whole body, without the options of the transfer. */
    private static CoapMessage whole(CoapMessage last, byte[] body) {
        CoapOptions options = last.options().without(CoapOption.BLOCK1).without(CoapOption.SIZE1)
                .without(CoapOption.REQUEST_TAG);
        return last.toBuilder().options(options).payload(body).build();
    }

    private Response keptBlock(Negotiated negotiated) {
        Transfer transfer = transfers.find(key(negotiated));
        if (transfer == null || transfer.response == null) {
            return Diagnostic.of(CoapCode.REQUEST_ENTITY_INCOMPLETE, "no response in progress for Block2 "
                    + negotiated.block2);
        }
        Response block = slice(transfer.response, negotiated.block2, negotiated.size2);
        BlockOption sent = BlockOption.of(block.options(), CoapOption.BLOCK2);
        if (sent == null || !sent.more()) {
            transfers.remove(transfer);
        } else {
            transfers.touch(transfer);
        }
        return block;
    }

    private void keep(Negotiated negotiated, Response response) {
        Transfer transfer = transfers.start(key(negotiated));
        if (!transfers.reserve(transfer, response.payloadLength())) {
            transfers.remove(transfer);
            return;
        }
        transfer.response = response;
    }

    /**
     * Cuts the asked block out of a response: the offset is read in the client's block size and the block served
     * in the smaller of the client's and ours, so a late negotiation to a smaller size rescales NUM (§2.4).
     */
    private Response slice(Response response, BlockOption asked, boolean size2) {
        int length = response.payloadLength();
        int szx = notificationSzx(asked);
        int size = 1 << (szx + 4);
        long offset = asked == null ? 0 : asked.offset();
        if (offset > 0 && offset >= length) {
            return Diagnostic.of(CoapCode.BAD_OPTION, "Block2 " + asked + " is beyond the " + length
                    + " bytes of the representation");
        }
        CoapOptions options = response.options();
        if (size2) {
            options = options.withUint(CoapOption.SIZE2, length);
        }
        if (offset == 0 && length <= size) {
            return options == response.options() ? response : DerivedResponse.withOptions(response, options);
        }
        int to = (int) Math.min(offset + size, length);
        BlockOption block = new BlockOption((int) (offset / size), to < length, szx);
        options = options.with(CoapOption.BLOCK2, block.encode());
        if (!options.has(CoapOption.ETAG)) {
            options = options.with(CoapOption.ETAG, etag(response));
        }
        return new DerivedResponse(response.code(), options, response.payloadRange((int) offset, to),
                response.observable());
    }

    /** The ETag of a response that has none: a hash of its content, remembered for the last response object. */
    private byte[] etag(Response response) {
        if (response != tagged) {
            tag = EntityTag.of(response.payload(), response.options().contentFormat());
            tagged = response;
        }
        return tag;
    }

    private static Transfers.Key key(Negotiated negotiated) {
        CoapMessage request = negotiated.request;
        CoapOptions options = request.options();
        StringBuilder resource = new StringBuilder(32).append(request.code().value());
        for (int i = 0; i < options.size(); i++) {
            int number = options.number(i);
            if (number == CoapOption.URI_HOST || number == CoapOption.URI_PORT || number == CoapOption.URI_PATH
                    || number == CoapOption.URI_QUERY || number == CoapOption.REQUEST_TAG) {
                resource.append(' ').append(number).append(':');
                for (byte b : options.value(i)) {
                    resource.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
                }
            }
        }
        return new Transfers.Key(negotiated.sender, resource.toString());
    }

    private Response tooLarge(String what) {
        return new DerivedResponse(CoapCode.REQUEST_ENTITY_TOO_LARGE, CoapOptions.EMPTY.withUint(CoapOption.SIZE1,
                maxBodySize), Diagnostic.of(CoapCode.REQUEST_ENTITY_TOO_LARGE, what + ", more than the "
                + maxBodySize + " bytes accepted").payload(), null);
    }

    private static Response full() {
        return Diagnostic.of(CoapCode.SERVICE_UNAVAILABLE, "block-wise transfers hold all the memory allowed");
    }

    private static boolean safe(CoapCode code) {
        return code == CoapCode.GET || code == CoapCode.FETCH;
    }
}
