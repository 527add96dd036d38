package io.tributary.coap.stack;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapOptions;

/** A response as a {@link Responder} gives it: code, options and payload; the stack adds type, message ID and token. */
public interface Response {

    /** @return a response code, class 2 to 5 */
    CoapCode code();

    /** @return the options */
    CoapOptions options();

    /** @return the payload, not modified by the stack */
    byte[] payload();
}
