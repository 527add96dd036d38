package io.tributary.coap.stack;

import java.net.InetSocketAddress;

import io.tributary.coap.message.BlockOption;
import io.tributary.coap.message.CoapMessage;

/**
 * What the Observe and block-wise options of one request asked for, carried from the request's way up to its
 * response's way down; made only for requests that carry Observe, Block1 or Block2, so a plain request costs no
 * object.
 */
final class Negotiated {

    /** The request as the responder sees it: reassembled from its Block1 blocks. */
    CoapMessage request;
    final InetSocketAddress sender;
    /** The request's Block2: which block of the response, at which size (RFC 7959 §2.4); {@code null} if none. */
    BlockOption block2;
    /** The Block1 the final response echoes (M = 0, RFC 7959 §2.3); {@code null} if none. */
    BlockOption block1;
    /** Whether the request asked for Size2 (RFC 7959 §4). */
    boolean size2;
    /** Whether the request registers an observation (Observe 0, RFC 7641 §2). */
    boolean register;

    Negotiated(CoapMessage request, InetSocketAddress sender) {
        this.request = request;
        this.sender = sender;
    }
}
