package io.tributary.nats;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The NATS adapter's meters, named {@code tributary.nats.*}: messages in and out, drops by reason, reconnects,
 * key-value operations, request round trips, and gauges of the connection and the outgoing buffer.
 */
final class NatsMeters {

    /** Why a message did not make it. */
    enum DropReason {
        /** The outgoing buffer was full (its overflow policy chose this message). */
        BUFFER_FULL("buffer-full"),
        /** The buffer of messages received from NATS was full. */
        INBOUND_FULL("inbound-full"),
        /** A topic without a subject, or a subject outside the mapping. */
        UNMAPPABLE("unmappable"),
        /** The client refused the publish (closed connection, oversized message). */
        PUBLISH_FAILED("publish-failed"),
        /** Publishing a received message into the router failed (a subscriber threw). */
        IMPORT_FAILED("import-failed");

        final String tag;

        DropReason(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    final Counter in;
    final Counter out;
    final Counter duplicates;
    final Counter reconnects;
    private final Counter[] dropped = new Counter[DropReason.values().length];

    NatsMeters(MeterRegistry registry) {
        this.registry = registry;
        this.in = Counter.builder("tributary.nats.messages").tag("direction", "in")
                .description("messages received from NATS and published into the router").register(registry);
        this.out = Counter.builder("tributary.nats.messages").tag("direction", "out")
                .description("messages published to NATS").register(registry);
        this.duplicates = Counter.builder("tributary.nats.duplicates")
                .description("retained values that arrived twice (subject and key-value watch) and were delivered"
                        + " once").register(registry);
        this.reconnects = Counter.builder("tributary.nats.reconnects").description("reconnections to NATS")
                .register(registry);
        for (DropReason reason : DropReason.values()) {
            dropped[reason.ordinal()] = Counter.builder("tributary.nats.dropped").tag("reason", reason.tag)
                    .description("messages dropped on their way to or from NATS").register(registry);
        }
    }

    void dropped(DropReason reason) {
        dropped[reason.ordinal()].increment();
    }

    /**
     * @param operation {@code put}, {@code delete} or {@code watch}
     * @param outcome {@code ok} or {@code failed}
     */
    void kv(String operation, String outcome) {
        Counter.builder("tributary.nats.kv.operations").tag("operation", operation).tag("outcome", outcome)
                .description("key-value bucket operations").register(registry).increment();
    }

    /**
     * @param direction {@code out} (sent by this gateway) or {@code in} (answered for another)
     * @param outcome {@code ok}, {@code timeout}, {@code no-responder} or {@code error}
     * @param nanos the round trip
     */
    void request(String direction, String outcome, long nanos) {
        Timer.builder("tributary.nats.requests").tag("direction", direction).tag("outcome", outcome)
                .description("request round trips over NATS").register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    void gauges(Supplier<Number> connected, Supplier<Number> bufferedBytes) {
        Gauge.builder("tributary.nats.connected", connected).description("1 while connected to a NATS server")
                .register(registry);
        Gauge.builder("tributary.nats.buffered", bufferedBytes).baseUnit("bytes")
                .description("outgoing messages waiting in the buffer").register(registry);
    }
}
