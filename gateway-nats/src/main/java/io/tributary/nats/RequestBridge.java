package io.tributary.nats;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.tributary.core.Message;
import io.tributary.core.NoResponderException;
import io.tributary.core.RequestTimeoutException;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.core.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Request/reply across gateways. Outwards, a responder on each export filter, the least specific in the router
 * (a local responder of a more specific filter wins), sends the request to {@code <prefix>-request.<topic>}.
 * Inwards, a queue-group subscription on each import filter's request subjects asks the local router, so exactly
 * one gateway of the group answers. A request that came from NATS is never sent back to NATS: without a local
 * responder it is answered {@code Tributary-Error: no-responder}, which the requester sees as
 * {@link NoResponderException}.
 */
final class RequestBridge {

    static final String ERROR = "Tributary-Error";
    static final String NO_RESPONDER = "no-responder";

    private static final Logger LOG = LoggerFactory.getLogger(RequestBridge.class);
    private static final RateLimitedLog FAILURES = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);
    private static final int CONCURRENCY = 256;

    private final Router router;
    private final SubjectMapping requests;
    private final NatsRequester requester;
    private final Supplier<Connection> connection;
    private final String gateway;
    private final LongSupplier ids;
    private final Duration timeout;
    private final NatsMeters meters;

    RequestBridge(Router router, SubjectMapping requests, Supplier<Connection> connection, String gateway,
                  LongSupplier ids, Duration timeout, NatsMeters meters) {
        this.router = router;
        this.requests = requests;
        this.requester = new NatsRequester(connection);
        this.connection = connection;
        this.gateway = gateway;
        this.ids = ids;
        this.timeout = timeout;
        this.meters = meters;
    }

    /**
     * @param exports the export filters
     * @return unregisters the responders
     */
    Disposable forward(List<TopicFilter> exports) {
        return Disposables.composite(exports.stream().map(filter -> router.respond(filter, this::send)).toList());
    }

    private Mono<Message> send(Message request) {
        Topic topic = request.topic();
        if (NatsHeaders.ORIGIN_NATS.equals(request.attribute(Message.ORIGIN))) {
            return Mono.error(new NoResponderException(topic));
        }
        String subject;
        try {
            subject = requests.subject(topic);
        } catch (IllegalArgumentException e) {
            meters.dropped(NatsMeters.DropReason.UNMAPPABLE);
            return Mono.error(new NoResponderException(topic));
        }
        Headers headers = NatsHeaders.of(request, gateway, ids.getAsLong());
        long start = System.nanoTime();
        return requester.request(subject, headers, request.payloadBytes(), timeout)
                .flatMap(reply -> {
                    String error = reply.getHeaders() == null ? null : reply.getHeaders().getFirst(ERROR);
                    if (error != null) {
                        return Mono.error(NO_RESPONDER.equals(error) ? new NoResponderException(topic)
                                : new NatsRequestException("request on '" + subject + "' failed remotely: " + error));
                    }
                    return Mono.just(NatsHeaders.toMessage(topic, reply.getHeaders(), reply.getData()));
                })
                .onErrorMap(NatsRequester.NoRespondersException.class, e -> new NoResponderException(topic))
                .onErrorMap(TimeoutException.class, e -> new RequestTimeoutException(topic, timeout))
                .doOnSuccess(reply -> meters.request("out", "ok", System.nanoTime() - start))
                .doOnError(e -> meters.request("out", outcome(e), System.nanoTime() - start));
    }

    /**
     * Answers requests from other gateways with the local router.
     *
     * @param incoming the queue-group subscriptions' requests
     * @param scheduler where requests enter the router
     * @return stops answering
     */
    Disposable serve(Flux<io.nats.client.Message> incoming, Scheduler scheduler) {
        return incoming.publishOn(scheduler).flatMap(this::answer, CONCURRENCY).subscribe();
    }

    private Mono<Void> answer(io.nats.client.Message request) {
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
        Message local = NatsHeaders.toMessage(topic, request.getHeaders(), request.getData());
        return router.request(local)
                .doOnNext(reply -> reply(replyTo, NatsHeaders.of(reply, gateway, ids.getAsLong()),
                        reply.payloadBytes()))
                .doOnSuccess(reply -> meters.request("in", "ok", System.nanoTime() - start))
                .onErrorResume(e -> {
                    meters.request("in", outcome(e), System.nanoTime() - start);
                    reply(replyTo, new Headers().put(ERROR, e instanceof NoResponderException ? NO_RESPONDER
                            : String.valueOf(e.getMessage()).replaceAll("\\p{Cntrl}", " ")), new byte[0]);
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

    private static String outcome(Throwable failure) {
        if (failure instanceof RequestTimeoutException) {
            return "timeout";
        }
        return failure instanceof NoResponderException ? NO_RESPONDER : "error";
    }
}
