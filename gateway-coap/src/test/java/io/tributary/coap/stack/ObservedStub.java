package io.tributary.coap.stack;

import java.nio.charset.StandardCharsets;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
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

    /** @return a state of this resource */
    Response state(CoapCode code, String text, int contentFormat) {
        CoapOptions options = contentFormat < 0 ? CoapOptions.EMPTY
                : CoapOptions.EMPTY.withUint(CoapOption.CONTENT_FORMAT, contentFormat);
        return new DerivedResponse(code, options, text.getBytes(StandardCharsets.UTF_8), this);
    }

    /** @return a text/plain 2.05 state */
    Response text(String text) {
        return state(CoapCode.CONTENT, text, 0);
    }

    /** Sets the state, notifying the observers. */
    void set(Response state) {
        changed(state);
    }

    /** @return a responder answering with the current state */
    Responder responder() {
        return (request, peer, multicast) -> {
            answering();
            return Mono.just(state());
        };
    }

    @Override
    protected void idle() {
        idle++;
    }
}
