package io.tributary.upnp.publisher;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.core.config.Settings;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.http.Connections;
import io.tributary.upnp.http.GenaHeaders;
import io.tributary.upnp.http.UpnpHttp;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Answers SUBSCRIBE, renewal and UNSUBSCRIBE on an event subscription URL with exactly the status codes of UDA
 * 2.0 §4.1.2–§4.1.4: 200; 400 for SID together with NT or CALLBACK (and for a Host header not naming the
 * listener, per HTTP/1.1); 412 for a missing or wrong NT, a missing or unusable CALLBACK, a missing or unknown SID;
 * 503 when a subscription limit is reached; 405 for any other method. Every refusal is counted and logged.
 */
final class SubscriptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionHandler.class);

    private final Map<String, ServiceRuntime> services;
    private final SubscriptionTable table;
    private final DeliveryContext delivery;
    private final PublisherMeters meters;
    private final HostPolicy hostPolicy;
    private final CallbackPolicy callbackPolicy;
    private final long minTimeout;
    private final long defaultTimeout;
    private final long maxTimeout;

    /**
     * @param settings values of {@link PublisherConfig#SECTION}: the Host and CALLBACK checks and TIMEOUT grants
     * @param services the served services by event path
     * @param table the live subscriptions
     * @param delivery what new subscriptions deliver with
     * @param meters the publisher's meters
     */
    SubscriptionHandler(Settings settings, Map<String, ServiceRuntime> services, SubscriptionTable table,
                        DeliveryContext delivery, PublisherMeters meters) {
        this.services = services;
        this.table = table;
        this.delivery = delivery;
        this.meters = meters;
        this.hostPolicy = new HostPolicy(settings);
        this.callbackPolicy = new CallbackPolicy(settings);
        this.minTimeout = settings.get(PublisherConfig.TIMEOUT_MIN).getSeconds();
        this.defaultTimeout = settings.get(PublisherConfig.TIMEOUT_DEFAULT).getSeconds();
        this.maxTimeout = settings.get(PublisherConfig.TIMEOUT_MAX).getSeconds();
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        ServiceRuntime service = services.get(request.fullPath());
        if (service == null) {
            return response.status(HttpResponseStatus.NOT_FOUND).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
        }
        HttpMethod method = request.method();
        if (!method.equals(GenaHeaders.SUBSCRIBE) && !method.equals(GenaHeaders.UNSUBSCRIBE)) {
            return response.status(HttpResponseStatus.METHOD_NOT_ALLOWED)
                    .header(HttpHeaderNames.ALLOW, "SUBSCRIBE, UNSUBSCRIBE")
                    .header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
        }
        InetSocketAddress local = Connections.local(request);
        InetSocketAddress remote = Connections.remote(request);
        InetAddress requester = remote == null ? null : Connections.normalize(remote.getAddress());
        HttpHeaders headers = request.requestHeaders();
        if (!hostPolicy.accepts(headers.get(HttpHeaderNames.HOST),
                local == null ? null : local.getAddress())) {
            return reject(response, RejectReason.HOST_HEADER, requester,
                    "Host '" + headers.get(HttpHeaderNames.HOST) + "' does not name this listener");
        }
        String sid = trimmed(headers.get(GenaHeaders.SID));
        String nt = headers.get(GenaHeaders.NT);
        String callback = headers.get(GenaHeaders.CALLBACK);
        if (sid != null && (nt != null || callback != null)) {
            return reject(response, RejectReason.INCOMPATIBLE_HEADERS, requester, "SID together with NT or CALLBACK");
        }
        if (method.equals(GenaHeaders.UNSUBSCRIBE)) {
            return unsubscribe(response, service, sid, requester);
        }
        if (sid != null) {
            return renew(response, service, sid, headers, requester);
        }
        return subscribe(response, service, headers, requester, local);
    }

    private Publisher<Void> subscribe(HttpServerResponse response, ServiceRuntime service, HttpHeaders headers,
                                      InetAddress requester, InetSocketAddress local) {
        String nt = headers.get(GenaHeaders.NT);
        if (nt == null || !GenaHeaders.UPNP_EVENT.equalsIgnoreCase(nt.trim())) {
            return reject(response, RejectReason.NT_INVALID, requester, "NT '" + nt + "' is not upnp:event");
        }
        CallbackPolicy.Verdict verdict = callbackPolicy.check(headers.get(GenaHeaders.CALLBACK), requester,
                local == null ? null : local.getAddress());
        verdict.dropped().forEach(meters::dropped);
        if (verdict.rejection() != null) {
            return reject(response, verdict.rejection(), requester,
                    "CALLBACK '" + headers.get(GenaHeaders.CALLBACK) + "' has no usable URL");
        }
        if (!verdict.dropped().isEmpty()) {
            LOG.warn("SUBSCRIBE {} from {}: dropped callback URLs {} ({})", service.definition().path(),
                    address(requester), verdict.dropped(), headers.get(GenaHeaders.CALLBACK));
        }
        RejectReason limit = table.admit(requester);
        if (limit != null) {
            return reject(response, limit, requester, "subscription limit reached");
        }
        long granted = grant(headers);
        RemoteSubscription subscription = new RemoteSubscription("uuid:" + UUID.randomUUID(), service,
                verdict.accepted().toArray(new String[0]), requester, delivery);
        table.register(subscription, granted);
        LOG.debug("SUBSCRIBE {} from {}: {} for {} s to {}", service.definition().path(), address(requester),
                subscription.sid, granted, verdict.accepted());
        // The initial event is read after registration, so no change can fall between it and the live ones, and
        // delivery begins once the 200 is out.
        return initialState(service)
                .flatMap(initial -> ok(response, subscription.sid, granted)
                        .doOnSuccess(ignored -> subscription.start(initial)))
                .doOnError(failure -> abort(service, subscription, requester, failure.toString()))
                .doOnCancel(() -> abort(service, subscription, requester, "connection closed"));
    }

    private static Mono<PropertySet> initialState(ServiceRuntime service) {
        return Mono.defer(() -> service.definition().source().snapshot())
                .defaultIfEmpty(PropertySet.empty())
                .onErrorResume(failure -> {
                    LOG.warn("initial state of {} unavailable, initial event is empty: {}",
                            service.definition().path(), failure.toString());
                    return Mono.just(PropertySet.empty());
                });
    }

    /** Clamps the requested TIMEOUT to [min, max]; none or {@code infinite} gets the default (UDA 1.1 §4.1.2). */
    private long grant(HttpHeaders headers) {
        long requested = GenaHeaders.parseTimeout(headers.get(GenaHeaders.TIMEOUT));
        return requested < 0 ? defaultTimeout : Math.max(minTimeout, Math.min(maxTimeout, requested));
    }

    private void abort(ServiceRuntime service, RemoteSubscription subscription, InetAddress requester,
                       String cause) {
        if (table.end(subscription, EndReason.ABORTED)) {
            LOG.info("SUBSCRIBE {} from {}: the 200 could not be sent ({}); subscription dropped",
                    service.definition().path(), address(requester), cause);
        }
    }

    private Publisher<Void> renew(HttpServerResponse response, ServiceRuntime service, String sid,
                                  HttpHeaders headers, InetAddress requester) {
        RemoteSubscription subscription = table.find(sid);
        long granted = grant(headers);
        if (subscription == null || subscription.service != service || !table.renew(subscription, granted)) {
            return reject(response, RejectReason.UNKNOWN_SID, requester, "renewal of unknown SID " + sid);
        }
        meters.renewed.increment();
        return ok(response, sid, granted);
    }

    private Publisher<Void> unsubscribe(HttpServerResponse response, ServiceRuntime service, String sid,
                                        InetAddress requester) {
        if (sid == null) {
            return reject(response, RejectReason.SID_MISSING, requester, "UNSUBSCRIBE without SID");
        }
        RemoteSubscription subscription = table.find(sid);
        if (subscription == null || subscription.service != service
                || !table.end(subscription, EndReason.UNSUBSCRIBED)) {
            return reject(response, RejectReason.UNKNOWN_SID, requester, "UNSUBSCRIBE of unknown SID " + sid);
        }
        meters.unsubscribed.increment();
        return response.status(HttpResponseStatus.OK).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
    }

    private Mono<Void> ok(HttpServerResponse response, String sid, long granted) {
        return response.status(HttpResponseStatus.OK)
                .header(GenaHeaders.SID, sid)
                .header(GenaHeaders.TIMEOUT, GenaHeaders.formatTimeout(granted))
                .header(HttpHeaderNames.SERVER, UpnpHttp.SERVER)
                .header(HttpHeaderNames.DATE, UpnpHttp.date())
                .header(HttpHeaderNames.CONTENT_LENGTH, "0")
                .send();
    }

    private Mono<Void> reject(HttpServerResponse response, RejectReason reason, InetAddress requester,
                              String cause) {
        meters.rejected(reason);
        if (reason == RejectReason.HOST_HEADER || reason == RejectReason.CALLBACK_OUT_OF_SCOPE
                || reason == RejectReason.CALLBACK_HOST_NAME) {
            LOG.warn("GENA request from {} refused with {} ({}): {}", address(requester), reason.status(),
                    reason.tag(), cause);
        } else {
            LOG.info("GENA request from {} refused with {} ({}): {}", address(requester), reason.status(),
                    reason.tag(), cause);
        }
        return response.status(reason.status()).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        return text.isEmpty() ? null : text;
    }

    private static String address(InetAddress address) {
        return address == null ? "?" : address.getHostAddress();
    }
}
