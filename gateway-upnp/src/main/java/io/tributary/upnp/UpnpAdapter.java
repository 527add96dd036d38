package io.tributary.upnp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Adapter;
import io.tributary.core.gateway.GatewayContext;
import io.tributary.core.gateway.SharedHttpListener;
import io.tributary.core.time.EventLoopClock;
import io.tributary.core.time.SchedulingClock;
import io.tributary.core.xml.HardenedXml;
import io.tributary.upnp.bridge.SourceBridge;
import io.tributary.upnp.control.ControlHandler;
import io.tributary.upnp.description.DeviceConfig;
import io.tributary.upnp.description.DeviceDocuments;
import io.tributary.upnp.description.UdnStore;
import io.tributary.upnp.discovery.DiscoveredDevice;
import io.tributary.upnp.discovery.Discovery;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.GenaPublisher;
import io.tributary.upnp.publisher.MulticastSink;
import io.tributary.upnp.publisher.RunningPublisher;
import io.tributary.upnp.ssdp.RunningSsdp;
import io.tributary.upnp.subscriber.GenaSubscriber;
import io.tributary.upnp.subscriber.RunningSubscriber;
import io.tributary.upnp.subscriber.SubscriberConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * The UPnP adapter: the gateway as a UPnP root device ({@value DeviceConfig#DEVICE_TYPE}) and as a control point,
 * on the gateway's shared HTTP listener and its own UDP channels. Device side: the description and SCPDs
 * ({@value DeviceDocuments#DESCRIPTION_PATH}, {@code /upnp/scpd/}), SOAP control ({@code /upnp/control/}), the GENA
 * publisher of the topics service and configured services ({@code /upnp/event/}), SSDP advertisements and search
 * answers, multicast events. Control-point side: the GENA subscriber (callbacks under
 * {@value GenaSubscriber#CALLBACK_PATH}) following configured event sources and the devices discovery rules match,
 * and the device registry ({@value Discovery#DEVICES_PATH}). Its settings are the {@code upnp} section,
 * {@link UpnpConfig}.
 *
 * <pre>{@code
 * Settings renderers = DiscoveryConfig.RULE.defaults().with(DiscoveryConfig.RULE_DEVICE_TYPES,
 *         List.of("urn:schemas-upnp-org:device:MediaRenderer:1"));
 * Gateway.create().adapter(UpnpAdapter.create(UpnpConfig.defaults()
 *         .with(UpnpConfig.DISCOVERY, DiscoveryConfig.RULES, List.of(renderers))).dataDirectory(Path.of("data")));
 * }</pre>
 */
public final class UpnpAdapter implements Adapter {

    private static final Logger LOG = LoggerFactory.getLogger(UpnpAdapter.class);
    /** Event loops of the NOTIFY client: half the cores, at least one. */
    private static final int NOTIFY_LOOPS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final Settings settings;
    private final Path dataDirectory;
    private volatile RunningPublisher publisher;
    private volatile DeviceServices device;
    private volatile DeviceDocuments documents;
    private volatile RunningSubscriber subscriber;
    private volatile SourceBridge bridge;
    private volatile Disposable routes;
    private volatile UpnpNetwork network;
    private volatile LoopResources notifyLoops;

    private UpnpAdapter(Settings settings, Path dataDirectory) {
        this.settings = settings;
        this.dataDirectory = dataDirectory;
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
        return new UpnpAdapter(settings.validate(), null);
    }

    /**
     * @param directory the gateway's data directory, where the generated UDN is kept ({@code upnp/udn}); default
     *                  none: without a configured {@link DeviceConfig#UDN} a new UDN is made at each start
     * @return a new adapter reference
     */
    public UpnpAdapter dataDirectory(Path directory) {
        return new UpnpAdapter(settings, Objects.requireNonNull(directory, "directory"));
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
                return Mono.error(new IllegalStateException("UPnP needs the gateway's HTTP listener"));
            }
            SchedulingClock clock = new EventLoopClock(context.loops().onServer(true).next());
            DeviceServices services = new DeviceServices(settings, context.router(), clock);
            device = services;
            // The multicast sender exists once SSDP runs; until then the multicast variables' changes go nowhere.
            AtomicReference<MulticastSink> multicast = new AtomicReference<>((service, changes) -> { });
            // NOTIFYs go out on event loops of their own: a thousand subscriber connections must not share the
            // loops that serve CoAP datagrams and the HTTP listener.
            LoopResources ownLoops = LoopResources.create("tributary-gena", NOTIFY_LOOPS, true);
            notifyLoops = ownLoops;
            GenaPublisher definition = GenaPublisher.create().settings(settings.get(UpnpConfig.PUBLISHER))
                    .meterRegistry(context.meterRegistry()).loops(ownLoops).clock(clock)
                    .multicast((service, changes) -> multicast.get().send(service, changes));
            for (EventedService service : services.evented) {
                definition = definition.service(service);
            }
            GenaPublisher publisherDefinition = definition;
            return udn()
                    .flatMap(udn -> services.documents(settings.get(UpnpConfig.DEVICE), udn))
                    .doOnNext(rendered -> documents = rendered)
                    .then(Mono.defer(publisherDefinition::start))
                    .doOnNext(running -> startHttpSide(context, clock, services, running))
                    .then(Mono.defer(() -> UpnpNetwork.start(settings, context, clock, documents, services, bridge,
                            multicast)))
                    .doOnNext(started -> {
                        network = started;
                        LOG.info("UPnP device {} on {}: description {}, services {}, {} source(s), SSDP {}",
                                documents.device().udn(), http.address(), DeviceDocuments.DESCRIPTION_PATH,
                                publisher.paths(), settings.get(UpnpConfig.SOURCES).size(),
                                started.ssdp() == null ? "off" : started.ssdp().links());
                    })
                    // A start that fails is not stopped: its own loops must not outlive it.
                    .doOnError(failure -> ownLoops.disposeLater().subscribe())
                    .then();
        });
    }

    /** Starts the subscriber and sources and contributes the description, control, event and callback routes. */
    private void startHttpSide(GatewayContext context, SchedulingClock clock, DeviceServices services,
                               RunningPublisher running) {
        SharedHttpListener http = context.http();
        RunningSubscriber genaSubscriber = GenaSubscriber.create(subscriberSettings(http.address()))
                .callbackPort(http.address().getPort()).meterRegistry(context.meterRegistry())
                .loops(context.loops()).clock(clock).start();
        publisher = running;
        subscriber = genaSubscriber;
        ControlHandler control = new ControlHandler(services.control, settings.get(UpnpConfig.CONTROL),
                HardenedXml.create(), context.meterRegistry());
        DeviceDocuments served = documents;
        routes = http.route(routeTable -> {
            served.routes().accept(routeTable);
            control.routes().accept(routeTable);
            running.routes().accept(routeTable);
            genaSubscriber.callbackRoutes().accept(routeTable);
        });
        SourceBridge sources = new SourceBridge(context.router(), genaSubscriber);
        bridge = sources;
        for (Settings source : settings.get(UpnpConfig.SOURCES)) {
            sources.start(UpnpConfig.source(source));
        }
    }

    /** The configured UDN, or the one kept in the data directory, or (without one) a new one. */
    private Mono<String> udn() {
        String configured = settings.get(UpnpConfig.DEVICE, DeviceConfig.UDN);
        if (configured != null) {
            return Mono.just(configured);
        }
        if (dataDirectory == null) {
            return Mono.fromSupplier(() -> {
                String udn = UdnStore.random();
                LOG.warn("no data directory and no upnp.device.udn: the UPnP device is {} until it stops", udn);
                return udn;
            });
        }
        return Mono.fromCallable(() -> UdnStore.load(dataDirectory))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(IOException.class, failure -> {
                    String udn = UdnStore.random();
                    LOG.warn("cannot keep the UPnP UDN in {} ({}); the device is {} until it stops", dataDirectory,
                            failure.toString(), udn);
                    return Mono.just(udn);
                });
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
            UpnpNetwork datagrams = network;
            RunningSubscriber genaSubscriber = subscriber;
            RunningPublisher running = publisher;
            // Byebye first, while the description is still served; then the subscriptions (each source's and
            // followed device's UNSUBSCRIBE), then the publisher's.
            return (datagrams == null ? Mono.<Void>empty() : datagrams.stop())
                    .then(genaSubscriber == null ? Mono.empty() : genaSubscriber.close(Duration.ofSeconds(3)))
                    .then(Mono.fromRunnable(() -> {
                        SourceBridge sources = bridge;
                        if (sources != null) {
                            sources.stop();
                        }
                    }))
                    .then(running == null ? Mono.empty() : running.stop(Duration.ofSeconds(3)))
                    .then(Mono.defer(() -> {
                        LoopResources ownLoops = notifyLoops;
                        return ownLoops == null ? Mono.<Void>empty() : ownLoops.disposeLater();
                    }))
                    .doFinally(signal -> {
                        DeviceServices services = device;
                        if (services != null) {
                            services.stop();
                        }
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

    /** @return the description documents as served (device, SCPDs, CONFIGID), or {@code null} before start */
    public DeviceDocuments documents() {
        return documents;
    }

    /**
     * @return the root devices discovery found on the network, with their services and the gateway's subscriptions
     *         to them, a snapshot; empty before start or with discovery off
     */
    public List<DiscoveredDevice> devices() {
        UpnpNetwork datagrams = network;
        return datagrams == null ? List.of() : datagrams.devices();
    }

    /** @return the running SSDP, or {@code null} before start, when off or when it could not start */
    public RunningSsdp ssdp() {
        UpnpNetwork datagrams = network;
        return datagrams == null ? null : datagrams.ssdp();
    }

    /** Test hook: the datagram side, or {@code null} before start. */
    UpnpNetwork network() {
        return network;
    }
}
