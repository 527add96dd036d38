package io.tributary.nats;

import java.util.function.Supplier;

import io.nats.client.Connection;
import io.tributary.core.Overflow;
import io.tributary.nats.NatsMeters.DropReason;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;

/**
 * Publishes to NATS through a bounded outgoing buffer. While connected and nothing waits, a message goes straight
 * into the client's own bounded outgoing queue (no I/O on the caller's thread; the client writes from its own
 * thread and discards, counted, what does not fit). Otherwise the caller only queues it here (a short lock) and one
 * drain on the publisher's own scheduler hands queued messages to the client, in order, once the connection is up.
 * What does not fit is dropped by the overflow policy and counted, and under {@link Overflow#ERROR} the publishing
 * stream ends with {@link OutgoingBufferFullException}.
 */
final class NatsPublisher {

    private final Supplier<Connection> connection;
    private final OutgoingBuffer buffer;
    private final SerialDrain drain;
    private final NatsMeters meters;
    private final long capacity;

    NatsPublisher(Supplier<Connection> connection, long capacity, Overflow overflow, Scheduler scheduler,
                  NatsMeters meters) {
        this.connection = connection;
        this.capacity = capacity;
        this.buffer = new OutgoingBuffer(capacity, overflow, dropped -> meters.dropped(DropReason.BUFFER_FULL));
        this.drain = new SerialDrain(scheduler, this::sendQueued);
        this.meters = meters;
    }

    /**
     * Publishes every message of a stream, in order, without ever blocking the stream's thread.
     *
     * @param messages the messages
     * @return completes with the stream; fails with {@link OutgoingBufferFullException} when the buffer refuses a
     *         message under {@link Overflow#ERROR}
     */
    Mono<Void> publish(Publisher<Outgoing> messages) {
        return Flux.from(messages).handle((Outgoing message, SynchronousSink<Void> sink) -> {
            if (!offer(message) && buffer.overflow() == Overflow.ERROR) {
                sink.error(new OutgoingBufferFullException(message.subject(), capacity));
            }
        }).then();
    }

    /**
     * Queues one message and schedules the drain.
     *
     * @param message the message
     * @return whether it was queued (else it was dropped and counted)
     */
    boolean offer(Outgoing message) {
        Connection current = connection.get();
        if (current != null && current.getStatus() == Connection.Status.CONNECTED && buffer.isEmpty()
                && send(current, message)) {
            return true;
        }
        boolean queued = buffer.offer(message);
        drain();
        return queued;
    }

    /** Schedules a drain, e.g. once the connection is back. */
    void drain() {
        drain.request();
    }

    /** @return bytes waiting in the buffer */
    long bufferedBytes() {
        return buffer.bytes();
    }

    /** @return messages waiting in the buffer */
    int bufferedMessages() {
        return buffer.size();
    }

    private void sendQueued() {
        Connection current = connection.get();
        Outgoing next;
        while (current != null && current.getStatus() == Connection.Status.CONNECTED
                && (next = buffer.peek()) != null) {
            if (!send(current, next)) {
                return; // the connection broke: the message waits for the reconnect
            }
            buffer.remove(next);
        }
    }

    /** @return whether the message is done with (handed over, or refused for good and counted) */
    private boolean send(Connection current, Outgoing message) {
        try {
            current.publish(message.subject(), message.headers(), message.payload());
            meters.out.increment();
        } catch (IllegalStateException refused) {
            if (current.getStatus() != Connection.Status.CONNECTED) {
                return false;
            }
            meters.dropped(DropReason.PUBLISH_FAILED);
        } catch (IllegalArgumentException refused) {
            meters.dropped(DropReason.PUBLISH_FAILED); // e.g. larger than the server's max_payload
        }
        return true;
    }
}
