package io.tributary.coap.stack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.EntityTag;
import reactor.core.publisher.Mono;

/**
 * An observable resource for stack tests: its states are texts in a Content-Format, its responder answers every
 * request with the current state (announcing each answer, as the route layer does), and it counts how often it
 * went idle.
 */
final class ObservedStub extends ObservableResource {

    int idle;

    ObservedStub(Observations observations) {
        super(observations);
    }

    /** @return a state of this resource, with an ETag of its text */
    Response state(CoapCode code, String text, int contentFormat) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        CoapOptions options = CoapOptions.EMPTY.with(CoapOption.ETAG, EntityTag.of(payload, contentFormat));
        if (contentFormat >= 0) {
            options = options.withUint(CoapOption.CONTENT_FORMAT, contentFormat);
        }
        return new DerivedResponse(code, options, payload, this);
    }

    /** @return a text/plain 2.05 state */
    Response text(String text) {
        return state(CoapCode.CONTENT, text, 0);
    }

    /** Sets the state, notifying the observers. */
    void set(Response state) {
        changed(state);
    }

    /** @return a responder answering with the current state, or 2.03 when the request holds its ETag */
    Responder responder() {
        return (request, peer, multicast) -> {
            answering();
            Response state = state();
            byte[] held = request.options().first(CoapOption.ETAG);
            if (held != null && Arrays.equals(held, state.options().first(CoapOption.ETAG))) {
                return Mono.just(new DerivedResponse(CoapCode.VALID, CoapOptions.EMPTY.with(CoapOption.ETAG, held),
                        new byte[0], this));
            }
            return Mono.just(state);
        };
    }

    @Override
    protected void idle() {
        idle++;
    }
}
