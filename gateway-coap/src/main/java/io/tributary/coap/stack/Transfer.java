package io.tributary.coap.stack;

import java.net.InetSocketAddress;

/**
 * One block-wise transfer in progress with a peer (RFC 7959 §2.5): a Block1 upload being reassembled, or the
 * response to a request of another method than GET or FETCH, kept so its later blocks can be served without
 * running the request again. It is its own expiry timer.
 */
final class Transfer extends WheelTask {

    final Transfers.Key key;
    final Transfers owner;
    /** The upload's body so far, {@code null} for a stored response. */
    byte[] body;
    int length;
    /** The stored response, {@code null} for an upload. */
    Response response;
    /** Bytes counted against the stack's total. */
    int bytes;

    Transfer(Transfers.Key key, Transfers owner) {
        this.key = key;
        this.owner = owner;
    }

    InetSocketAddress peer() {
        return key.peer();
    }

    @Override
    protected void expire() {
        owner.expired(this);
    }
}
