package io.tributary.coap.stack;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapOptions;

/**
 * A response a layer derived from the responder's: with Observe or Block1 added, or one block of it. It stays a
 * state of the same observable resource.
 *
 * @param code the code
 * @param options the options
 * @param payload the payload, or the block's part of it
 * @param observable the resource the original response is a state of, or {@code null}
 */
record DerivedResponse(CoapCode code, CoapOptions options, byte[] payload, ObservableResource observable)
        implements Response {

    /** @return {@code response} with {@code options} instead of its own */
    static Response withOptions(Response response, CoapOptions options) {
        return new DerivedResponse(response.code(), options, response.payload(), response.observable());
    }
}
