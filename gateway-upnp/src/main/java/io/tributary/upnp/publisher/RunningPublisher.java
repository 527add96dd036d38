package io.tributary.upnp.publisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.SubscriberQueue;
import io.tributary.core.config.Settings;
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

    private final ConnectionProvider provider;
    private final SubscriptionTable table;
    private final Map<String, ServiceRuntime> services = new LinkedHashMap<>();
    private final SubscriptionHandler handler;
    private final SchedulingClock clock;

    RunningPublisher(GenaPublisher definition, SchedulingClock clock, Executor fanOut, NotifySender sender,
                     ConnectionProvider provider) {
        Settings settings = definition.settings;
        this.provider = provider;
        this.clock = clock;
        SubscriptionLimits limits = new SubscriptionLimits(settings.get(PublisherConfig.MAX_SUBSCRIPTIONS),
                settings.get(PublisherConfig.MAX_SUBSCRIPTIONS_PER_REQUESTER));
        PublisherMeters meters = new PublisherMeters(definition.meterRegistry != null ? definition.meterRegistry
                : new SimpleMeterRegistry(), limits.total());
        this.table = new SubscriptionTable(limits, meters, clock);
        for (EventedService service : definition.services) {
            services.put(service.path(), new ServiceRuntime(service, clock, fanOut, meters.moderated,
                    definition.multicast));
        }
        DeliveryContext delivery = new DeliveryContext(sender, PropertySetWriter.create(),
                SubscriberQueue.<EventMessage>spec(settings.get(PublisherConfig.QUEUE_CAPACITY))
                        .merging(EventMessage::mergedWith).label("GENA NOTIFY queue"),
                settings.get(PublisherConfig.MAX_DELIVERY_FAILURES), meters, table::end);
        this.handler = new SubscriptionHandler(settings, Map.copyOf(services), table, delivery, meters);
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
        return table.size();
    }

    /** @return a snapshot of every live subscription (SID, callbacks, SEQ, failures, expiry), by path and SID */
    public List<PublisherSubscription> subscriptions() {
        return table.statuses();
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
     * connection pool, waiting at most the given time for NOTIFYs in flight; those still in flight are then
     * abandoned.
     *
     * @param timeout how long to wait for the pool to close
     * @return completes when stopped
     */
    public Mono<Void> stop(Duration timeout) {
        return Mono.defer(() -> {
            services.values().forEach(ServiceRuntime::stop);
            List<RemoteSubscription> ending = table.all();
            for (RemoteSubscription subscription : ending) {
                table.end(subscription, EndReason.STOPPED);
            }
            return provider.disposeLater().timeout(timeout).onErrorResume(failure -> {
                LOG.warn("NOTIFY connections did not close within {}: {}", timeout, failure.toString());
                return Mono.empty();
            }).doFinally(signal -> ending.forEach(RemoteSubscription::abandonDelivery));
        });
    }

    /** @return {@link #stop(Duration)} with 5 s */
    public Mono<Void> stop() {
        return stop(Duration.ofSeconds(5));
    }

    /** Test hook: sets the SEQ of a subscription's next message, to exercise the wrap. */
    void nextSeq(String sid, long seq) {
        RemoteSubscription subscription = table.find(sid);
        if (subscription != null) {
            subscription.nextSeq(seq);
        }
    }
}
