package io.tributary.coap.stack;

import java.nio.charset.StandardCharsets;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapOptions;

/**
 * An error response the stack makes itself, with a short diagnostic payload (RFC 7252 §5.5.2).
 *
 * @param code the error code
 * @param options none
 * @param payload the diagnostic, UTF-8
 */
record Diagnostic(CoapCode code, CoapOptions options, byte[] payload) implements Response {

    static Diagnostic of(CoapCode code, String diagnostic) {
        return new Diagnostic(code, CoapOptions.EMPTY, diagnostic.getBytes(StandardCharsets.UTF_8));
    }
}
