package io.tributary.upnp.subscriber;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.tributary.core.SubscriberQueue;
import io.tributary.core.config.Settings;
import io.tributary.upnp.event.PropertySetReader;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.resources.ConnectionProvider;

/**
 * A started {@link GenaSubscriber}: {@link #subscribe(URI)} gives a {@code Flux} of events of one event
 * subscription URL, and {@link #callbackRoutes()} serves the NOTIFY callbacks under
 * {@value GenaSubscriber#CALLBACK_PATH} on any Reactor Netty server, such as the gateway's shared listener.
 */
public final class RunningSubscriber {

    private static final SecureRandom TOKENS = new SecureRandom();

    private final SessionContext context;
    private final ConnectionProvider provider;
    private final Map<String, SubscriptionSession> sessions = new ConcurrentHashMap<>();
    private final CallbackHandler handler;

    RunningSubscriber(Settings settings, GenaRequests requests, Scheduler scheduler, SubscriberMeters meters,
                      PropertySetReader reader, SubscriberQueue.Spec<GenaEvent> events,
                      ConnectionProvider provider) {
        this.provider = provider;
        RenewalTiming timing = new RenewalTiming(settings.get(SubscriberConfig.TIMEOUT).getSeconds(),
                settings.get(SubscriberConfig.RENEWAL_JITTER), settings.get(SubscriberConfig.MIN_BACKOFF),
                settings.get(SubscriberConfig.MAX_BACKOFF));
        this.context = new SessionContext(requests, scheduler, meters, reader, events, timing,
                settings.get(SubscriberConfig.HOLD_TIMEOUT), session -> sessions.remove(session.token, session));
        this.handler = new CallbackHandler(sessions::get, meters, settings.get(SubscriberConfig.MAX_BODY_SIZE));
    }

    /**
     * Subscribes when the {@code Flux} is subscribed to and unsubscribes when it is cancelled. Each Flux
     * subscription is one GENA subscription with its own callback URL; it never ends on its own: failures lead to
     * re-subscription with back-off, and lost continuity to a {@link GenaEvent.Type#GAP} signal followed by a new
     * initial event. Events wait for a slow consumer up to {@link SubscriberConfig#BUFFER_CAPACITY}, then merge.
     *
     * @param eventSubUrl the publisher's event subscription URL ({@code http://})
     * @return the events, in SEQ order
     */
    public Flux<GenaEvent> subscribe(URI eventSubUrl) {
        if (eventSubUrl == null || !"http".equalsIgnoreCase(eventSubUrl.getScheme()) || eventSubUrl.getHost() == null) {
            return Flux.error(new IllegalArgumentException("event subscription URL must be http://host..., was "
                    + eventSubUrl));
        }
        return new Flux<>() {
            @Override
            public void subscribe(CoreSubscriber<? super GenaEvent> actual) {
                String token = newToken();
                SubscriptionSession session = new SubscriptionSession(eventSubUrl, token, context, actual);
                sessions.put(token, session);
                session.start();
            }
        };
    }

    /**
     * Declares the NOTIFY callback routes under {@value GenaSubscriber#CALLBACK_PATH}.
     *
     * @return a route contribution for {@code HttpServer.route(...)} or a shared listener
     */
    public Consumer<HttpServerRoutes> callbackRoutes() {
        return routes -> routes.route(request -> request.fullPath().startsWith(GenaSubscriber.CALLBACK_PATH),
                handler::handle);
    }

    /** @return the number of subscriptions currently holding a SID */
    public int activeSubscriptions() {
        return context.meters().active.get();
    }

    /** @return a snapshot of every subscription (URL, state, SID, last SEQ, granted time, failures), by URL */
    public List<SourceSubscription> subscriptions() {
        return sessions.values().stream().map(SubscriptionSession::status)
                .sorted(Comparator.comparing(subscription -> subscription.url().toString())).toList();
    }

    /**
     * Unsubscribes every subscription, completes their {@code Flux}es and closes the connection pool; what is still
     * under way when the time is up is abandoned.
     *
     * @param timeout how long to wait for the UNSUBSCRIBE answers, and then for the pool
     * @return completes when done
     */
    public Mono<Void> close(Duration timeout) {
        return Mono.defer(() -> {
            List<SubscriptionSession> closing = List.copyOf(sessions.values());
            closing.forEach(SubscriptionSession::closeAndComplete);
            return Mono.when(closing.stream().map(SubscriptionSession::unsubscribed).toList())
                    .timeout(timeout, Mono.empty())
                    .then(provider.disposeLater().timeout(timeout, Mono.empty()))
                    .doFinally(signal -> closing.forEach(SubscriptionSession::abandon));
        });
    }

    /** Test hook: the session of a callback token. */
    SubscriptionSession session(String token) {
        return sessions.get(token);
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        TOKENS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
