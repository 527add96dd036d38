package io.tributary.upnp.subscriber;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelOption;
import io.tributary.core.time.EventLoopClock;
import io.tributary.core.time.SchedulingClock;
import io.tributary.core.xml.HardenedXml;
import io.tributary.upnp.event.PropertySetReader;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The GENA subscriber (control-point side, UDA 2.0 §4): {@link #subscribe(URI, SubscriptionOptions)} gives a
 * {@code Flux} of events of one event subscription URL, and {@link #callbackRoutes()} serves the NOTIFY callbacks
 * under {@code /upnp/callback/} on any Reactor Netty server, such as the gateway's shared listener.
 *
 * <pre>{@code
 * GenaSubscriber subscriber = GenaSubscriber.create(SubscriberOptions.defaults().callbackPort(8080));
 * HttpServer.create().port(8080).route(subscriber.callbackRoutes()).bindNow();
 * subscriber.subscribe(URI.create("http://192.168.1.20:49152/upnp/event/RenderingControl1"))
 *         .subscribe(event -> log.info("{} = {}", event.sid(), event.properties()));
 * }</pre>
 */
public final class GenaSubscriber {

    private static final SecureRandom TOKENS = new SecureRandom();

    private final SubscriberOptions options;
    private final SchedulingClock timer;
    private final SubscriberMeters meters;
    private final PropertySetReader reader;
    private final GenaRequests requests;
    private final ConnectionProvider provider;
    private final CallbackHandler handler = new CallbackHandler(this);
    private final Map<String, SubscriptionSession> sessions = new ConcurrentHashMap<>();

    private GenaSubscriber(SubscriberOptions options) {
        this.options = options;
        LoopResources loops = options.loops() != null ? options.loops() : HttpResources.get();
        this.timer = options.timer() != null ? options.timer() : new EventLoopClock(loops.onClient(true).next());
        this.meters = new SubscriberMeters(options.meterRegistry() != null ? options.meterRegistry()
                : new SimpleMeterRegistry());
        this.reader = PropertySetReader.create(HardenedXml.create(options.xmlLimits()));
        this.provider = ConnectionProvider.builder("tributary-gena-subscribe").maxConnections(64)
                .pendingAcquireMaxCount(-1).maxIdleTime(Duration.ofSeconds(30)).build();
        HttpClient client = HttpClient.create(provider).runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .responseTimeout(options.requestTimeout());
        this.requests = new GenaRequests(client, options);
    }

    /**
     * @param options the settings; a callback address or port must be set for publishers to reach back
     * @return a subscriber, ready to subscribe once its {@link #callbackRoutes()} are served
     */
    public static GenaSubscriber create(SubscriberOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.callbackAddress() == null && options.callbackPort() == 0) {
            throw new IllegalArgumentException("set a callback address or the callback port of the listener");
        }
        return new GenaSubscriber(options);
    }

    /**
     * @param eventSubUrl the publisher's event subscription URL ({@code http://})
     * @return {@link #subscribe(URI, SubscriptionOptions)} with {@link SubscriptionOptions#defaults()}
     */
    public Flux<GenaEvent> subscribe(URI eventSubUrl) {
        return subscribe(eventSubUrl, SubscriptionOptions.defaults());
    }

    /**
     * Subscribes when the {@code Flux} is subscribed to and unsubscribes when it is cancelled. Each Flux
     * subscription is one GENA subscription with its own callback URL; it never ends on its own: failures lead to
     * re-subscription with back-off, and lost continuity to a {@link GenaEvent.Type#GAP} signal followed by a new
     * initial event.
     *
     * @param eventSubUrl the publisher's event subscription URL ({@code http://})
     * @param subscriptionOptions timeout, jitter, buffer and back-off
     * @return the events, in SEQ order
     */
    public Flux<GenaEvent> subscribe(URI eventSubUrl, SubscriptionOptions subscriptionOptions) {
        Objects.requireNonNull(subscriptionOptions, "subscriptionOptions");
        if (eventSubUrl == null || !"http".equalsIgnoreCase(eventSubUrl.getScheme()) || eventSubUrl.getHost() == null) {
            return Flux.error(new IllegalArgumentException("event subscription URL must be http://host..., was "
                    + eventSubUrl));
        }
        return new Flux<>() {
            @Override
            public void subscribe(CoreSubscriber<? super GenaEvent> actual) {
                String token = newToken();
                SubscriptionSession session = new SubscriptionSession(GenaSubscriber.this, eventSubUrl,
                        subscriptionOptions, token);
                EventBuffer buffer = new EventBuffer(actual, subscriptionOptions.bufferCapacity(),
                        () -> session.close().subscribe(ignored -> { }, ignored -> { }));
                sessions.put(token, session);
                actual.onSubscribe(buffer);
                session.start(buffer);
            }
        };
    }

    /**
     * Declares the NOTIFY callback routes under the callback path prefix.
     *
     * @return a route contribution for {@code HttpServer.route(...)} or a shared listener
     */
    public Consumer<HttpServerRoutes> callbackRoutes() {
        return routes -> routes.route(request -> request.fullPath().startsWith(options.callbackPath()),
                handler::handle);
    }

    /** @return the number of subscriptions currently holding a SID */
    public int activeSubscriptions() {
        return meters.active.get();
    }

    /**
     * Unsubscribes every subscription, completes their {@code Flux}es and closes the connection pool.
     *
     * @param timeout how long to wait for the UNSUBSCRIBE answers
     * @return completes when done
     */
    public Mono<Void> close(Duration timeout) {
        return Mono.defer(() -> {
            List<Mono<Void>> closing = new ArrayList<>();
            for (SubscriptionSession session : List.copyOf(sessions.values())) {
                closing.add(session.closeAndComplete());
            }
            return Mono.when(closing).timeout(timeout, Mono.empty())
                    .then(provider.disposeLater().timeout(timeout, Mono.empty()));
        });
    }

    SubscriptionSession session(String token) {
        return sessions.get(token);
    }

    void unregister(SubscriptionSession session) {
        sessions.remove(session.token, session);
    }

    SubscriberOptions options() {
        return options;
    }

    SchedulingClock timer() {
        return timer;
    }

    SubscriberMeters meters() {
        return meters;
    }

    PropertySetReader reader() {
        return reader;
    }

    GenaRequests requests() {
        return requests;
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        TOKENS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
