package io.tributary.upnp;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tributary.core.Router;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Adapter;
import io.tributary.core.gateway.GatewayContext;
import io.tributary.core.gateway.SharedHttpListener;
import io.tributary.core.time.EventLoopClock;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.bridge.RetainedTopicsSource;
import io.tributary.upnp.bridge.SourceBridge;
import io.tributary.upnp.bridge.TopicVariable;
import io.tributary.upnp.bridge.TopicVariablesSource;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.GenaPublisher;
import io.tributary.upnp.publisher.RunningPublisher;
import io.tributary.upnp.subscriber.GenaSubscriber;
import io.tributary.upnp.subscriber.RunningSubscriber;
import io.tributary.upnp.subscriber.SubscriberConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The UPnP eventing adapter: a GENA publisher serving the topics service and configured services, and a GENA
 * subscriber following configured event sources into the router, both on the gateway's shared HTTP listener
 * (event URLs under {@code /upnp/event/}, callbacks under {@value GenaSubscriber#CALLBACK_PATH}). Its settings
 * are the {@code upnp} section, {@link UpnpConfig}.
 *
 * <pre>{@code
 * Settings tv = UpnpConfig.SOURCE.defaults().with(UpnpConfig.SOURCE_NAME, "tv")
 *         .with(UpnpConfig.SOURCE_URL, URI.create("http://192.168.1.20:49152/upnp/event/RenderingControl1"));
 * Gateway.create().adapter(UpnpAdapter.create(UpnpConfig.defaults().with(UpnpConfig.SOURCES, List.of(tv))));
 * }</pre>
 */
public final class UpnpAdapter implements Adapter {

    private static final Logger LOG = LoggerFactory.getLogger(UpnpAdapter.class);

    private final Settings settings;
    private volatile RunningPublisher publisher;
    private volatile RunningSubscriber subscriber;
    private volatile SourceBridge bridge;
    private volatile Disposable routes;

    private UpnpAdapter(Settings settings) {
        this.settings = settings;
    }

    /** @return an adapter with {@link UpnpConfig#defaults()}: the topics service, no sources */
    public static UpnpAdapter create() {
        return create(UpnpConfig.defaults());
    }

    /**
     * @param settings values of {@link UpnpConfig#SECTION}; {@link UpnpConfig#ENABLED} is the caller's to honour
     * @return an adapter, started by the gateway
     * @throws IllegalArgumentException if they belong to another section or break a rule across settings
     */
    public static UpnpAdapter create(Settings settings) {
        if (settings.section() != UpnpConfig.SECTION) {
            throw new IllegalArgumentException("expected upnp settings, was " + settings.section());
        }
        return new UpnpAdapter(settings.validate());
    }

    /** @return this adapter's settings */
    public Settings settings() {
        return settings;
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
            SchedulingClock clock = new EventLoopClock(context.loops().onServer(true).next());
            GenaPublisher definition = GenaPublisher.create().settings(settings.get(UpnpConfig.PUBLISHER))
                    .meterRegistry(context.meterRegistry()).loops(context.loops()).clock(clock);
            for (EventedService service : services(context.router())) {
                definition = definition.service(service);
            }
            return definition.start().doOnNext(running -> {
                RunningSubscriber genaSubscriber = GenaSubscriber.create(subscriberSettings(http.address()))
                        .callbackPort(http.address().getPort()).meterRegistry(context.meterRegistry())
                        .loops(context.loops()).clock(clock).start();
                publisher = running;
                subscriber = genaSubscriber;
                routes = http.route(routeTable -> {
                    running.routes().accept(routeTable);
                    genaSubscriber.callbackRoutes().accept(routeTable);
                });
                SourceBridge sources = new SourceBridge(context.router(), genaSubscriber);
                bridge = sources;
                List<Settings> configured = settings.get(UpnpConfig.SOURCES);
                for (Settings source : configured) {
                    sources.start(UpnpConfig.source(source));
                }
                LOG.info("UPnP eventing on {}: services {}, {} source(s), callbacks under {}", http.address(),
                        running.paths(), configured.size(), GenaSubscriber.CALLBACK_PATH);
            }).then();
        });
    }

    /** The topics service, if enabled, and the configured services, each on its own router subscriptions. */
    private List<EventedService> services(Router router) {
        int queueCapacity = settings.get(UpnpConfig.QUEUE_CAPACITY);
        Settings topics = settings.get(UpnpConfig.TOPICS_SERVICE);
        List<EventedService> services = new ArrayList<>();
        if (topics.get(UpnpConfig.TOPICS_ENABLED)) {
            services.add(EventedService.create(topics.get(UpnpConfig.TOPICS_PATH_SETTING),
                    new RetainedTopicsSource(router, topics.get(UpnpConfig.TOPICS_FILTER), queueCapacity)));
        }
        for (Settings service : settings.get(UpnpConfig.SERVICES)) {
            List<TopicVariable> variables = service.get(UpnpConfig.SERVICE_VARIABLES).stream()
                    .map(UpnpConfig::variable).toList();
            EventedService evented = EventedService.create(service.get(UpnpConfig.SERVICE_PATH),
                    new TopicVariablesSource(router, variables, queueCapacity));
            for (TopicVariable variable : variables) {
                evented = evented.moderate(variable.name(), variable.moderation());
            }
            services.add(evented);
        }
        return services;
    }

    /** The subscriber settings, advertising the listener's own address when it is bound to one. */
    private Settings subscriberSettings(InetSocketAddress listener) {
        Settings subscriberSettings = settings.get(UpnpConfig.SUBSCRIBER);
        if (subscriberSettings.get(SubscriberConfig.CALLBACK_ADDRESS) == null
                && !listener.getAddress().isAnyLocalAddress()) {
            // A listener bound to one address is reachable only there, whatever interface a SUBSCRIBE leaves on.
            String host = listener.getAddress().getHostAddress();
            host = host.contains(":") ? "[" + host.replaceAll("%.*", "") + "]" : host;
            subscriberSettings = subscriberSettings.with(SubscriberConfig.CALLBACK_ADDRESS,
                    URI.create("http://" + host + ":" + listener.getPort()));
        }
        return subscriberSettings;
    }

    @Override
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            RunningSubscriber genaSubscriber = subscriber;
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
    public RunningSubscriber subscriber() {
        return subscriber;
    }
}
