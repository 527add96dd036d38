package io.tributary.upnp.publisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.event.PropertySetWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.resources.ConnectionProvider;

/**
 * A started {@link GenaPublisher}: its services, subscriptions and NOTIFY client. Contribute {@link #routes()} to
 * an HTTP server (the gateway's shared listener); {@link #stop()} ends every subscription and closes the client.
 */
public final class RunningPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(RunningPublisher.class);

    private final PublisherOptions options;
    private final SchedulingClock timer;
    private final PublisherMeters meters;
    private final PropertySetWriter writer = PropertySetWriter.create();
    private final NotifySender sender;
    private final ConnectionProvider provider;
    private final SubscriptionLimits limits;
    private final LocalSubnets subnets = new LocalSubnets();
    private final Map<String, ServiceRuntime> services = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final SubscriptionHandler handler;

    RunningPublisher(GenaPublisher definition, SchedulingClock timer, NotifySender sender, ConnectionProvider provider) {
        this.options = definition.options;
        this.timer = timer;
        this.sender = sender;
        this.provider = provider;
        this.limits = new SubscriptionLimits(options.maxSubscriptions(), options.maxSubscriptionsPerRequester());
        this.meters = new PublisherMeters(definition.meterRegistry != null ? definition.meterRegistry
                : new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), limits.total());
        for (EventedService service : definition.services) {
            services.put(service.path(), new ServiceRuntime(service, this));
        }
        this.handler = new SubscriptionHandler(this);
    }

    void start() {
        services.values().forEach(ServiceRuntime::start);
    }

    /**
     * Declares the event subscription URL of every service: SUBSCRIBE and UNSUBSCRIBE are answered there, any
     * other method gets 405.
     *
     * @return a route contribution for {@code HttpServer.route(...)} or a shared listener
     */
    public Consumer<HttpServerRoutes> routes() {
        return routes -> routes.route(request -> services.containsKey(request.fullPath()), handler::handle);
    }

    /** @return the event subscription paths served */
    public List<String> paths() {
        return new ArrayList<>(services.keySet());
    }

    /** @return the number of live subscriptions of all services */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    /**
     * @param path an event subscription path
     * @return the SIDs of that service's live subscriptions
     */
    public List<String> sids(String path) {
        ServiceRuntime service = services.get(path);
        List<String> sids = new ArrayList<>();
        if (service != null) {
            service.subscriptions().forEach(subscription -> sids.add(subscription.sid));
        }
        return sids;
    }

    /**
     * Ends every subscription (no further NOTIFY is started), stops the services' sources and closes the NOTIFY
     * connection pool, waiting at most the given time for NOTIFYs in flight.
     *
     * @param timeout how long to wait for the pool to close
     * @return completes when stopped
     */
    public Mono<Void> stop(Duration timeout) {
        return Mono.defer(() -> {
            services.values().forEach(ServiceRuntime::stop);
            for (Subscription subscription : List.copyOf(subscriptions.values())) {
                end(subscription, EndReason.STOPPED);
            }
            return provider.disposeLater().timeout(timeout).onErrorResume(failure -> {
                LOG.warn("NOTIFY connections did not close within {}: {}", timeout, failure.toString());
                return Mono.empty();
            });
        });
    }

    /** @return {@link #stop(Duration)} with 5 s */
    public Mono<Void> stop() {
        return stop(Duration.ofSeconds(5));
    }

    void register(Subscription subscription, long grantedSeconds) {
        subscriptions.put(subscription.sid, subscription);
        subscription.service.add(subscription);
        subscription.armExpiry(timer, grantedSeconds);
        meters.subscribed.increment();
    }

    boolean end(Subscription subscription, EndReason reason) {
        if (!subscription.end()) {
            return false;
        }
        subscriptions.remove(subscription.sid, subscription);
        subscription.service.remove(subscription);
        limits.release(subscription.requester);
        meters.ended(reason);
        LOG.debug("subscription {} of {} ended: {}", subscription.sid, subscription.service.definition().path(),
                reason.tag());
        return true;
    }

    Subscription subscription(String sid) {
        return subscriptions.get(sid);
    }

    ServiceRuntime service(String path) {
        return services.get(path);
    }

    PublisherOptions options() {
        return options;
    }

    SchedulingClock timer() {
        return timer;
    }

    PublisherMeters meters() {
        return meters;
    }

    PropertySetWriter writer() {
        return writer;
    }

    NotifySender sender() {
        return sender;
    }

    SubscriptionLimits limits() {
        return limits;
    }

    LocalSubnets subnets() {
        return subnets;
    }

    /** Test hook: sets the SEQ of a subscription's next message, to exercise the wrap. */
    void nextSeq(String sid, long seq) {
        Subscription subscription = subscriptions.get(sid);
        if (subscription != null) {
            subscription.nextSeq(seq);
        }
    }
}
