package io.tributary.coap.stack;

import java.util.List;

import io.tributary.coap.message.CoapCode;
import io.tributary.core.config.Settings;
import io.tributary.core.time.VirtualClock;

/** One stack on a virtual clock whose channel is an {@link OutboundProbe}; everything runs on the test thread. */
final class StackHarness {

    final VirtualClock timer;
    final EndpointState endpoint;
    final StackCounters counters;
    final OutboundProbe outbound;
    final List<OutboundProbe.Sent> sent;
    final CoapStack stack;

    StackHarness(Settings config, Responder responder) {
        this(config, responder, new VirtualClock());
    }

    StackHarness(Settings config, Responder responder, VirtualClock timer) {
        this.timer = timer;
        this.outbound = OutboundProbe.recording(timer);
        this.sent = outbound.sent();
        this.endpoint = new EndpointState(config, 1);
        this.counters = endpoint.counters();
        this.stack = new CoapStack(config, outbound, timer, endpoint, responder, 42L);
    }

    /** @return a response with a text payload, as a handler would give it */
    static Response text(CoapCode code, String text) {
        return Diagnostic.of(code, text);
    }

    OutboundProbe.Sent last() {
        return outbound.last();
    }
}
