package io.tributary.upnp.discovery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.tributary.core.Router;
import io.tributary.core.config.Settings;
import io.tributary.core.time.Cancellable;
import io.tributary.core.time.SchedulingClock;
import io.tributary.core.xml.HardenedXml;
import io.tributary.upnp.bridge.SourceBridge;
import io.tributary.upnp.description.DescriptionReader;
import io.tributary.upnp.description.DeviceDescription;
import io.tributary.upnp.description.ServiceDescription;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.ssdp.RunningSsdp;
import io.tributary.upnp.ssdp.SsdpInterface;
import io.tributary.upnp.ssdp.SsdpLink;
import io.tributary.upnp.ssdp.SsdpSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The gateway as a control point (UDA 2.0 §1–§2, §4): it hears advertisements on the SSDP channels, searches at
 * start and every {@link DiscoveryConfig#SEARCH_INTERVAL} on its own sockets, keeps the {@link DeviceRegistry},
 * follows the devices the rules match ({@link DeviceFollower}), and serves the registry as JSON at
 * {@value #DEVICES_PATH}.
 */
public final class Discovery {

    /** The path of the registry's JSON. */
    public static final String DEVICES_PATH = "/upnp/devices";

    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

    private final Settings settings;
    private final RunningSsdp ssdp;
    private final LoopResources loops;
    private final SchedulingClock clock;
    private final ConnectionProvider provider;
    private final DeviceRegistry registry;
    private final DeviceFollower follower;
    private final Disposable heard;
    private volatile Disposable searching;
    private volatile Cancellable nextSearch;
    private volatile boolean stopped;

    /**
     * Starts hearing advertisements and searching.
     *
     * @param settings values of {@link DiscoveryConfig#SECTION}
     * @param ownUdn the gateway's own UDN, left out of the registry
     * @param ssdp the SSDP channels
     * @param router where followed devices are published
     * @param bridge subscribes to followed services
     * @param loops event loops for description fetches and searches
     * @param clock runs the search and expiry timers
     * @param meterRegistry where to record meters
     */
    public Discovery(Settings settings, String ownUdn, RunningSsdp ssdp, Router router, SourceBridge bridge,
                     LoopResources loops, SchedulingClock clock, MeterRegistry meterRegistry) {
        this.settings = settings;
        this.ssdp = ssdp;
        this.loops = loops;
        this.clock = clock;
        int concurrent = settings.get(DiscoveryConfig.CONCURRENT_FETCHES);
        this.provider = ConnectionProvider.builder("tributary-upnp-descriptions").maxConnections(concurrent)
                .pendingAcquireMaxCount(-1).maxIdleTime(Duration.ofSeconds(10)).build();
        Duration timeout = settings.get(DiscoveryConfig.DESCRIPTION_TIMEOUT);
        HttpClient client = HttpClient.create(provider).runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .responseTimeout(timeout);
        this.follower = new DeviceFollower(settings.get(DiscoveryConfig.RULES).stream().map(DiscoveryRule::of)
                .toList(), router, bridge);
        DiscoveryMeters meters = new DiscoveryMeters(meterRegistry);
        this.registry = new DeviceRegistry(ownUdn, settings.get(DiscoveryConfig.MAX_DEVICES),
                new DescriptionFetcher(client, new DescriptionReader(HardenedXml.create()),
                        settings.get(DiscoveryConfig.MAX_DESCRIPTION_SIZE)), timeout, concurrent, clock, meters,
                follower);
        meters.devices(registry::size);
        this.heard = ssdp.announcements().subscribe(registry::onAnnouncement,
                failure -> LOG.error("discovery no longer hears SSDP: {}", failure.toString()));
        search();
    }

    /** Searches now and schedules the next search. */
    private void search() {
        if (stopped) {
            return;
        }
        List<String> names = ssdp.links().stream().filter(link -> !link.ipv6()).map(SsdpLink::iface)
                .map(SsdpInterface::name).distinct().toList();
        if (!names.isEmpty()) {
            searching = SsdpSearch.create().searchTarget(settings.get(DiscoveryConfig.SEARCH_TARGET))
                    .mx(settings.get(DiscoveryConfig.SEARCH_MX)).networkInterfaces(names).loops(loops).search()
                    .subscribe(registry::onAnnouncement, failure -> LOG.warn("SSDP search failed: {}",
                            failure.toString()));
        }
        nextSearch = clock.schedule(this::search, settings.get(DiscoveryConfig.SEARCH_INTERVAL).toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** @return the root devices on the network now, with their services and the gateway's subscriptions */
    public List<DiscoveredDevice> devices() {
        List<DiscoveredDevice> devices = new ArrayList<>();
        for (DeviceRegistry.Snapshot entry : registry.snapshot()) {
            DeviceDescription description = entry.description();
            List<DiscoveredService> services = new ArrayList<>();
            boolean followed = false;
            if (description != null) {
                for (DeviceDescription device : description.allDevices()) {
                    for (ServiceDescription service : device.services()) {
                        SubscriptionState state = follower.state(device.udn(), service.serviceId());
                        followed |= state != SubscriptionState.NONE;
                        services.add(new DiscoveredService(device.udn(), service.serviceType(), service.serviceId(),
                                service.eventSubUrl(), state));
                    }
                }
            }
            devices.add(new DiscoveredDevice(entry.udn(), description == null ? null : description.deviceType(),
                    description == null ? null : description.friendlyName(),
                    description == null ? null : description.manufacturer(),
                    description == null ? null : description.modelName(), entry.location().toString(), entry.server(),
                    entry.bootId(), entry.configId(), entry.expiresIn(), followed, services, entry.problem()));
        }
        return devices;
    }

    /**
     * Publishes a multicast event of a followed service (UDA 2.0 §4.3.3); others are ignored.
     *
     * @param udn the UDN from the event's USN
     * @param serviceId the SVCID
     * @param properties the variables
     * @param seq the SEQ
     * @param peer the sender
     * @return whether it was published
     */
    public boolean multicastEvent(String udn, String serviceId, PropertySet properties, long seq, String peer) {
        return follower.multicastEvent(udn, serviceId, properties, seq, peer);
    }

    /** @return whether a rule exists, so that followed devices' multicast events are worth hearing */
    public boolean following() {
        return follower.following();
    }

    /**
     * Declares {@code GET} {@value #DEVICES_PATH}.
     *
     * @return a route contribution for {@code HttpServer.route(...)} or a shared listener
     */
    public Consumer<HttpServerRoutes> routes() {
        return routes -> routes.get(DEVICES_PATH, (request, response) -> {
            byte[] json = DevicesJson.write(devices()).getBytes(StandardCharsets.UTF_8);
            return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(json.length))
                    .sendByteArray(Mono.just(json));
        });
    }

    /**
     * Stops searching and hearing, unsubscribes every followed service and closes the description client.
     *
     * @return completes when done
     */
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            stopped = true;
            Cancellable timer = nextSearch;
            if (timer != null) {
                timer.cancel();
            }
            Disposable search = searching;
            if (search != null) {
                search.dispose();
            }
            heard.dispose();
            follower.stop();
            registry.stop();
            return provider.disposeLater().timeout(Duration.ofSeconds(3), Mono.empty());
        });
    }
}
