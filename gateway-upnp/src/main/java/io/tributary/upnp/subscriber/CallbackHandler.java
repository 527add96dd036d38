package io.tributary.upnp.subscriber;

import java.util.function.Function;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.core.http.HttpBodies;
import io.tributary.upnp.http.GenaHeaders;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The callback server's NOTIFY handling (UDA 2.0 §4.3.2, subscriber side): 200 for an accepted event; 400 when NT
 * or NTS is missing, SEQ is not a number or the body is not a property set; 412 when NT or NTS is wrong or the
 * SID is unknown; 413 for a body over the cap; 405 for other methods. Every refusal is counted and logged.
 */
final class CallbackHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackHandler.class);

    private final Function<String, SubscriptionSession> sessions;
    private final SubscriberMeters meters;
    private final int maxBodySize;

    /**
     * @param sessions finds a session by the token of its callback path
     * @param meters the subscriber's meters
     * @param maxBodySize the largest NOTIFY body accepted ({@link SubscriberConfig#MAX_BODY_SIZE})
     */
    CallbackHandler(Function<String, SubscriptionSession> sessions, SubscriberMeters meters, int maxBodySize) {
        this.sessions = sessions;
        this.meters = meters;
        this.maxBodySize = maxBodySize;
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        if (!GenaHeaders.NOTIFY.equals(request.method())) {
            meters.callbackRejected("method");
            return response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).header(HttpHeaderNames.ALLOW, "NOTIFY")
                    .header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
        }
        HttpHeaders headers = request.requestHeaders();
        String nt = headers.get(GenaHeaders.NT);
        String nts = headers.get(GenaHeaders.NTS);
        if (nt == null || nts == null) {
            return refuse(request, response, 400, "nt-nts-missing");
        }
        if (!GenaHeaders.UPNP_EVENT.equals(nt.trim()) || !GenaHeaders.UPNP_PROPCHANGE.equals(nts.trim())) {
            return refuse(request, response, 412, "nt-nts-invalid");
        }
        String path = request.fullPath();
        SubscriptionSession session = sessions.apply(path.substring(GenaSubscriber.CALLBACK_PATH.length()));
        String sid = headers.get(GenaHeaders.SID);
        if (session == null || sid == null || sid.isBlank()) {
            return refuse(request, response, 412, "unknown-sid");
        }
        long seq = GenaHeaders.parseSeq(headers.get(GenaHeaders.SEQ));
        if (seq < 0) {
            return refuse(request, response, 400, "seq-invalid");
        }
        return HttpBodies.read(request, maxBodySize)
                .flatMap(body -> session.notify(sid.trim(), seq, body, true))
                .flatMap(verdict -> {
                    switch (verdict) {
                        case OK:
                            return response.status(HttpResponseStatus.OK)
                                    .header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
                        case MALFORMED:
                            return refuse(request, response, 400, "malformed-body");
                        default:
                            return refuse(request, response, 412, "unknown-sid");
                    }
                })
                .onErrorResume(HttpBodies.BodyTooLargeException.class,
                        failure -> refuse(request, response, 413, "body-too-large"))
                .onErrorResume(IllegalArgumentException.class,
                        failure -> refuse(request, response, 400, "malformed-body"));
    }

    private Mono<Void> refuse(HttpServerRequest request, HttpServerResponse response, int status, String reason) {
        meters.callbackRejected(reason);
        LOG.info("NOTIFY {} SID {} refused with {} ({})", request.fullPath(),
                request.requestHeaders().get(GenaHeaders.SID), status, reason);
        return response.status(status).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
    }
}
