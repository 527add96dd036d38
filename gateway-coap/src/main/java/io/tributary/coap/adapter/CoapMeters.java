package io.tributary.coap.adapter;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapStats;
import io.tributary.coap.stack.RemovalReason;
import io.tributary.core.config.ValueTypes;

/** Exposes an endpoint's counters as {@code tributary.coap.*} meters. */
public final class CoapMeters {

    private CoapMeters() {
    }

    /**
     * @param endpoint the endpoint
     * @param registry where to register
     */
    public static void bind(CoapEndpoint endpoint, MeterRegistry registry) {
        CoapStats stats = endpoint.stats();
        counter(registry, "tributary.coap.requests", "requests received", stats, CoapStats::requests);
        for (int codeClass : new int[] {2, 4, 5}) {
            FunctionCounter.builder("tributary.coap.responses", stats, s -> s.responses(codeClass))
                    .tag("class", codeClass + "xx").description("responses sent").register(registry);
        }
        counter(registry, "tributary.coap.retransmissions", "CON retransmissions", stats,
                CoapStats::retransmissions);
        counter(registry, "tributary.coap.timeouts", "exchanges given up without ACK or response", stats,
                CoapStats::timeouts);
        counter(registry, "tributary.coap.duplicates", "duplicates answered from the deduplication cache", stats,
                CoapStats::duplicates);
        counter(registry, "tributary.coap.format.errors", "datagrams that were not well-formed CoAP", stats,
                CoapStats::formatErrors);
        FunctionCounter.builder("tributary.coap.resets", stats, CoapStats::resetsSent).tag("direction", "sent")
                .description("RST messages").register(registry);
        FunctionCounter.builder("tributary.coap.resets", stats, CoapStats::resetsReceived)
                .tag("direction", "received").description("RST messages").register(registry);
        counter(registry, "tributary.coap.rejected", "requests refused for lack of resources", stats,
                CoapStats::rejected);
        counter(registry, "tributary.coap.unmatched", "ACK, RST or responses matching nothing sent", stats,
                CoapStats::unmatched);
        counter(registry, "tributary.coap.dedup.evictions", "deduplication entries evicted by a cap", stats,
                CoapStats::dedupEvictions);
        counter(registry, "tributary.coap.client.requests", "client requests sent", stats,
                CoapStats::clientRequests);
        Gauge.builder("tributary.coap.dedup.size", endpoint, CoapEndpoint::dedupSize)
                .description("message IDs remembered for deduplication").register(registry);
        Gauge.builder("tributary.coap.peers", endpoint, CoapEndpoint::peerCount)
                .description("peers tracked").register(registry);
        Gauge.builder("tributary.coap.client.inflight", endpoint, CoapEndpoint::clientInFlight)
                .description("client requests awaiting a response").register(registry);
        Gauge.builder("tributary.coap.observe.relations", stats, CoapStats::observeRelations)
                .description("observe relations held (RFC 7641)").register(registry);
        for (boolean confirmable : new boolean[] {true, false}) {
            FunctionCounter.builder("tributary.coap.observe.notifications", stats, s -> s.notifications(confirmable))
                    .tag("type", confirmable ? "con" : "non").description("notifications sent").register(registry);
        }
        for (RemovalReason reason : RemovalReason.values()) {
            FunctionCounter.builder("tributary.coap.observe.removed", stats, s -> s.observersRemoved(reason))
                    .tag("reason", ValueTypes.kebab(reason))
                    .description("observe relations removed, or refused (limit), by reason").register(registry);
        }
        FunctionCounter.builder("tributary.coap.block.transfers.dropped", stats, CoapStats::transfersEvicted)
                .tag("reason", "evicted").description("block-wise transfers dropped").register(registry);
        FunctionCounter.builder("tributary.coap.block.transfers.dropped", stats, CoapStats::transfersRefused)
                .tag("reason", "refused").description("block-wise transfers dropped").register(registry);
        FunctionCounter.builder("tributary.coap.block.transfers.dropped", stats, CoapStats::transfersExpired)
                .tag("reason", "expired").description("block-wise transfers dropped").register(registry);
        Gauge.builder("tributary.coap.block.transfer.bytes", endpoint, CoapEndpoint::transferBytes)
                .description("bytes held by block-wise transfers in progress").register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, CoapStats stats,
                                ToDoubleFunction<CoapStats> value) {
        FunctionCounter.builder(name, stats, value).description(description).register(registry);
    }
}
