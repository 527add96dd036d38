package io.tributary.coap.stack;

import java.net.InetSocketAddress;

import io.tributary.coap.message.CoapMessage;

/** Why a client exchange ended without a response; the API above maps it to its own exceptions. */
public final class ExchangeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The ways an exchange can fail. */
    public enum Reason {
        /** No ACK after the last retransmission (RFC 7252 §4.2), or no response in time. */
        TIMEOUT,
        /** The peer answered with RST (§4.2). */
        RESET,
        /** Refused locally for lack of resources: peer table or queue full, message IDs exhausted. */
        REFUSED,
        /** An observation ended with a 4.xx or 5.xx notification (RFC 7641 §3.2); {@link #response()} holds it. */
        ERROR_RESPONSE,
        /** A block-wise transfer could not be completed (RFC 7959): blocks missing, or the body over the limit. */
        INCOMPLETE
    }

    private final Reason reason;
    private final transient CoapMessage response;
    private final transient InetSocketAddress peer;

    ExchangeFailure(Reason reason, String description) {
        this(reason, description, null, null);
    }

    ExchangeFailure(Reason reason, String description, CoapMessage response, InetSocketAddress peer) {
        super(description, null, false, false);
        this.reason = reason;
        this.response = response;
        this.peer = peer;
    }

    /** @return why the exchange failed */
    public Reason reason() {
        return reason;
    }

    /** @return for {@link Reason#ERROR_RESPONSE}, the response that ended it; otherwise {@code null} */
    public CoapMessage response() {
        return response;
    }

    /** @return for {@link Reason#ERROR_RESPONSE}, who sent it; otherwise {@code null} */
    public InetSocketAddress peer() {
        return peer;
    }
}
