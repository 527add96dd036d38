package io.tributary.nats;

import java.time.Duration;
import java.util.List;
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
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * Requests out to other gateways: a responder on each export filter, the least specific in the router (a local
 * responder of a more specific filter wins, as does an equal one registered earlier), sends the request to
 * {@code <prefix>-request.<topic>} and maps the reply back. A request that came from NATS is never sent back to
 * NATS (it fails with {@link NoResponderException}); a remote {@code Tributary-Error: no-responder} answer or a
 * server without any subscriber is {@link NoResponderException}, no reply in time {@link RequestTimeoutException}.
 */
final class RequestForwarder {

    /** Header of a reply that carries an error instead of an answer. */
    static final String ERROR = "Tributary-Error";
    /** Its value when the answering gateway has no local responder either. */
    static final String NO_RESPONDER = "no-responder";

    private final Router router;
    private final SubjectMapping requests;
    private final NatsRequester requester;
    private final String gateway;
    private final LongSupplier ids;
    private final Duration timeout;
    private final NatsMeters meters;

    RequestForwarder(Router router, SubjectMapping requests, Supplier<Connection> connection, String gateway,
                     LongSupplier ids, Duration timeout, NatsMeters meters) {
        this.router = router;
        this.requests = requests;
        this.requester = new NatsRequester(connection);
        this.gateway = gateway;
        this.ids = ids;
        this.timeout = timeout;
        this.meters = meters;
    }

    /**
     * @param exports the export filters
     * @return unregisters the responders
     */
    Disposable register(List<TopicFilter> exports) {
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
     * @param failure why a request failed
     * @return its outcome tag: {@code timeout}, {@code no-responder} or {@code error}
     */
    static String outcome(Throwable failure) {
        if (failure instanceof RequestTimeoutException) {
            return "timeout";
        }
        return failure instanceof NoResponderException ? NO_RESPONDER : "error";
    }
}
