package io.tributary.upnp;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

import io.tributary.core.Router;
import io.tributary.core.gateway.Adapter;
import io.tributary.core.gateway.GatewayContext;
import io.tributary.core.gateway.SharedHttpListener;
import io.tributary.core.time.EventLoopClock;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.bridge.EventSourceUrl;
import io.tributary.upnp.bridge.RetainedTopicsSource;
import io.tributary.upnp.bridge.SourceBridge;
import io.tributary.upnp.bridge.TopicVariable;
import io.tributary.upnp.bridge.TopicVariablesSource;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.GenaPublisher;
import io.tributary.upnp.publisher.RunningPublisher;
import io.tributary.upnp.subscriber.GenaSubscriber;
import io.tributary.upnp.subscriber.SubscriberOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The UPnP eventing adapter: a GENA publisher serving the topics service and configured services, and a GENA
 * subscriber following configured event sources into the router, both on the gateway's shared HTTP listener
 * (event URLs under {@code /upnp/event/}, callbacks under {@code /upnp/callback/}).
 */
public final class UpnpAdapter implements Adapter {

    private static final Logger LOG = LoggerFactory.getLogger(UpnpAdapter.class);

    private final UpnpAdapterOptions options;
    private volatile RunningPublisher publisher;
    private volatile GenaSubscriber subscriber;
    private volatile SourceBridge bridge;
    private volatile Disposable routes;

    private UpnpAdapter(UpnpAdapterOptions options) {
        this.options = options;
    }

    /**
     * @param options the adapter settings
     * @return an adapter, started by the gateway
     */
    public static UpnpAdapter create(UpnpAdapterOptions options) {
        return new UpnpAdapter(options);
    }

    @Override
    public String name() {
        return "upnp";
    }

    @Override
    public Mono<Void> start(GatewayContext context) {
        return Mono.defer(() -> {
            SharedHttpListener http = context.http();
            if (http == null) {
                return Mono.error(new IllegalStateException("UPnP eventing needs the gateway's HTTP listener"));
            }
            Router router = context.router();
            SchedulingClock timer = new EventLoopClock(context.loops().onServer(true).next());
            GenaPublisher definition = GenaPublisher.create().settings(options.publisher())
                    .meterRegistry(context.meterRegistry()).loops(context.loops()).clock(timer);
            if (options.topicsService()) {
                definition = definition.service(EventedService.create(options.topicsPath(),
                        new RetainedTopicsSource(router, options.topicsFilter(), options.queueCapacity())));
            }
            for (ConfiguredService service : options.services()) {
                EventedService evented = EventedService.create(service.path(),
                        new TopicVariablesSource(router, service.variables(), options.queueCapacity()));
                for (TopicVariable variable : service.variables()) {
                    evented = evented.moderate(variable.name(), variable.moderation());
                }
                definition = definition.service(evented);
            }
            GenaSubscriber genaSubscriber = GenaSubscriber.create(subscriberOptions(context, http.address(), timer));
            return definition.start().doOnNext(running -> {
                publisher = running;
                subscriber = genaSubscriber;
                routes = http.route(routeTable -> {
                    running.routes().accept(routeTable);
                    genaSubscriber.callbackRoutes().accept(routeTable);
                });
                SourceBridge sources = new SourceBridge(router, genaSubscriber, options.subscription());
                bridge = sources;
                for (EventSourceUrl source : options.sources()) {
                    sources.start(source);
                }
                LOG.info("UPnP eventing on {}: services {}, {} source(s), callbacks under {}", http.address(),
                        running.paths(), options.sources().size(), options.subscriber().callbackPath());
            }).then();
        });
    }

    private SubscriberOptions subscriberOptions(GatewayContext context, InetSocketAddress listener, SchedulingClock timer) {
        SubscriberOptions subscriberOptions = options.subscriber().meterRegistry(context.meterRegistry())
                .loops(context.loops());
        if (subscriberOptions.timer() == null) {
            subscriberOptions = subscriberOptions.timer(timer);
        }
        if (subscriberOptions.callbackPort() == 0) {
            subscriberOptions = subscriberOptions.callbackPort(listener.getPort());
        }
        if (subscriberOptions.callbackAddress() == null && !listener.getAddress().isAnyLocalAddress()) {
            // A listener bound to one address is reachable only there, whatever interface a SUBSCRIBE leaves on.
            String host = listener.getAddress().getHostAddress();
            host = host.contains(":") ? "[" + host.replaceAll("%.*", "") + "]" : host;
            subscriberOptions = subscriberOptions.callbackAddress(URI.create("http://" + host + ":"
                    + listener.getPort()));
        }
        return subscriberOptions;
    }

    @Override
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            GenaSubscriber genaSubscriber = subscriber;
            RunningPublisher running = publisher;
            // Closing the subscriber first waits for each source's UNSUBSCRIBE and completes the bridge's streams.
            Mono<Void> closing = genaSubscriber == null ? Mono.empty() : genaSubscriber.close(Duration.ofSeconds(3));
            return closing
                    .then(Mono.fromRunnable(() -> {
                        SourceBridge sources = bridge;
                        if (sources != null) {
                            sources.stop();
                        }
                    }))
                    .then(running == null ? Mono.empty() : running.stop(Duration.ofSeconds(3)))
                    .doFinally(signal -> {
                        Disposable contributed = routes;
                        if (contributed != null) {
                            contributed.dispose();
                        }
                    });
        });
    }

    /** @return the running publisher, or {@code null} before start */
    public RunningPublisher publisher() {
        return publisher;
    }

    /** @return the subscriber, or {@code null} before start */
    public GenaSubscriber subscriber() {
        return subscriber;
    }
}
