package io.tributary.nats;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.tributary.core.NoResponderException;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.core.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Requests in from other gateways: the queue-group subscriptions on the import filters' request subjects deliver
 * each request to one gateway of the group, which asks its router on the import scheduler and publishes the reply
 * (or {@code Tributary-Error: no-responder} when it has no local responder, so the requester learns it at once).
 */
final class RequestResponder {

    private static final Logger LOG = LoggerFactory.getLogger(RequestResponder.class);
    private static final RateLimitedLog FAILURES = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);
    private static final int CONCURRENCY = 256;

    private final Router router;
    private final SubjectMapping requests;
    private final Supplier<Connection> connection;
    private final String gateway;
    private final LongSupplier ids;
    private final NatsMeters meters;

    RequestResponder(Router router, SubjectMapping requests, Supplier<Connection> connection, String gateway,
                     LongSupplier ids, NatsMeters meters) {
        this.router = router;
        this.requests = requests;
        this.connection = connection;
        this.gateway = gateway;
        this.ids = ids;
        this.meters = meters;
    }

    /**
     * @param incoming requests of a queue-group subscription
     * @param scheduler where requests enter the router
     * @return stops answering
     */
    Disposable serve(Flux<Message> incoming, Scheduler scheduler) {
        return incoming.publishOn(scheduler).flatMap(this::answer, CONCURRENCY).subscribe();
    }

    private Mono<Void> answer(Message request) {
        String replyTo = request.getReplyTo();
        if (replyTo == null) {
            return Mono.empty();
        }
        Topic topic;
        try {
            topic = requests.topic(request.getSubject());
        } catch (IllegalArgumentException e) {
            meters.dropped(NatsMeters.DropReason.UNMAPPABLE);
            return Mono.empty();
        }
        long start = System.nanoTime();
        return router.request(NatsHeaders.toMessage(topic, request.getHeaders(), request.getData()))
                .doOnNext(reply -> reply(replyTo, NatsHeaders.of(reply, gateway, ids.getAsLong()),
                        reply.payloadBytes()))
                .doOnSuccess(reply -> meters.request("in", "ok", System.nanoTime() - start))
                .onErrorResume(e -> {
                    meters.request("in", RequestForwarder.outcome(e), System.nanoTime() - start);
                    reply(replyTo, new Headers().put(RequestForwarder.ERROR, e instanceof NoResponderException
                            ? RequestForwarder.NO_RESPONDER : String.valueOf(e.getMessage())
                            .replaceAll("\\p{Cntrl}", " ")), new byte[0]);
                    return Mono.empty();
                })
                .then();
    }

    private void reply(String replyTo, Headers headers, byte[] payload) {
        Connection current = connection.get();
        try {
            if (current != null) {
                current.publish(replyTo, headers, payload);
            }
        } catch (RuntimeException e) {
            FAILURES.warn("reply to '{}' not sent: {}", replyTo, e.toString());
        }
    }
}
