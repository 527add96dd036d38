package io.tributary.nats;

import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Subscriptions as {@link Flux}: a jnats {@link Dispatcher} thread only appends each message to a bounded buffer
 * (the oldest is dropped, and counted, when it is full); the subscriber drains it under its own demand, on its own
 * scheduler when it uses {@code publishOn}, so a dispatcher thread never runs subscriber code.
 */
public final class NatsSubscriptions {

    private final Dispatcher dispatcher;
    private final int capacity;
    private final Runnable dropped;

    /**
     * @param dispatcher the dispatcher whose thread receives the messages
     * @param capacity messages each subscription's buffer holds
     * @param dropped told of each message dropped from a full buffer
     */
    public NatsSubscriptions(Dispatcher dispatcher, int capacity, Runnable dropped) {
        this.dispatcher = dispatcher;
        this.capacity = capacity;
        this.dropped = dropped;
    }

    /**
     * Subscribes to a subject while the flux is subscribed; the client resubscribes by itself after a reconnect.
     *
     * @param subject the subject, wildcards allowed
     * @param queueGroup the queue group, so that one member of the group gets each message; {@code null} for none
     * @return a cold flux of the messages
     */
    public Flux<Message> subscribe(String subject, String queueGroup) {
        return Flux.<Message>create(sink -> {
            Subscription subscription = queueGroup == null ? dispatcher.subscribe(subject, sink::next)
                    : dispatcher.subscribe(subject, queueGroup, sink::next);
            sink.onDispose(() -> {
                if (dispatcher.isActive()) {
                    dispatcher.unsubscribe(subscription);
                }
            });
        }, FluxSink.OverflowStrategy.IGNORE)
                .onBackpressureBuffer(capacity, message -> dropped.run(), BufferOverflowStrategy.DROP_OLDEST);
    }
}
