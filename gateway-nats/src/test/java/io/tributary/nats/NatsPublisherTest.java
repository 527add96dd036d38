package io.tributary.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.impl.Headers;
import io.tributary.core.Overflow;
import io.tributary.core.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The publisher without a connection: everything waits in the buffer, bounded, and every drop is counted. */
class NatsPublisherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NatsMeters meters = new NatsMeters(registry);

    /** 64 + 1 + 10 = 75 bytes each: three fit in 225. */
    private static Outgoing message(int i) {
        return new Outgoing(Topic.of("t"), "t", new Headers(), String.format("%010d", i).getBytes(), false);
    }

    private NatsPublisher disconnected(Overflow overflow) {
        return new NatsPublisher(() -> null, 225, overflow, Schedulers.immediate(), meters);
    }

    private double dropped() {
        return registry.find("tributary.nats.dropped").tag("reason", "buffer-full").counter().count();
    }

    @Test
    @DisplayName("while disconnected messages wait; past the buffer the oldest go and are counted (drop-oldest)")
    void waitsBounded() {
        NatsPublisher publisher = disconnected(Overflow.DROP_OLDEST);
        StepVerifier.create(publisher.publish(Flux.range(0, 5).map(NatsPublisherTest::message)))
                .verifyComplete();
        assertThat(publisher.bufferedMessages()).isEqualTo(3);
        assertThat(publisher.bufferedBytes()).isEqualTo(225);
        assertThat(dropped()).isEqualTo(2);
        assertThat(registry.find("tributary.nats.messages").tag("direction", "out").counter().count()).isZero();
    }

    @Test
    @DisplayName("overflow error ends the publishing stream with OutgoingBufferFullException at the first refusal")
    void errorPolicy() {
        NatsPublisher publisher = disconnected(Overflow.ERROR);
        StepVerifier.create(publisher.publish(Flux.range(0, 5).map(NatsPublisherTest::message)))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(OutgoingBufferFullException.class)
                        .hasMessage("message on 't' refused: the outgoing buffer of 225 bytes is full"))
                .verify();
        assertThat(publisher.bufferedMessages()).isEqualTo(3);
        assertThat(dropped()).isEqualTo(1);
    }
}
