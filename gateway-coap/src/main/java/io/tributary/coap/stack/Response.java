package io.tributary.coap.stack;

import java.util.Arrays;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapOptions;

/** A response as a {@link Responder} gives it: code, options and payload; the stack adds type, message ID and token. */
public interface Response {

    /** @return a response code, class 2 to 5 */
    CoapCode code();

    /** @return the options */
    CoapOptions options();

    /** @return the whole payload, not modified by the stack */
    byte[] payload();

    /** @return the payload's length in bytes; the block-wise layer reads a large payload through this and a range */
    default int payloadLength() {
        return payload().length;
    }

    /**
     * Copies part of the payload, so a block of a large representation is cut without copying it whole.
     *
     * @param from first byte, inclusive
     * @param to last byte, exclusive
     * @return a new array with those bytes
     */
    default byte[] payloadRange(int from, int to) {
        return Arrays.copyOfRange(payload(), from, to);
    }

    /**
     * @return the observable resource this response is a state of, when it answers a GET on one: a registration
     *         (Observe 0) answered with it adds a relation to the resource (RFC 7641 §3.1); {@code null} otherwise
     */
    default ObservableResource observable() {
        return null;
    }
}
