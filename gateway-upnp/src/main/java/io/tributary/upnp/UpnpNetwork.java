package io.tributary.upnp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.tributary.core.config.Settings;
import io.tributary.core.gateway.GatewayContext;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.bridge.SourceBridge;
import io.tributary.upnp.description.DeviceDocuments;
import io.tributary.upnp.discovery.DiscoveredDevice;
import io.tributary.upnp.discovery.Discovery;
import io.tributary.upnp.discovery.DiscoveryConfig;
import io.tributary.upnp.multicast.MulticastEventConfig;
import io.tributary.upnp.multicast.MulticastEventReceiver;
import io.tributary.upnp.multicast.MulticastEventSender;
import io.tributary.upnp.publisher.MulticastSink;
import io.tributary.upnp.ssdp.RunningSsdp;
import io.tributary.upnp.ssdp.SsdpConfig;
import io.tributary.upnp.ssdp.SsdpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The adapter's datagram side: SSDP advertising the device and hearing others, discovery with its registry route,
 * multicast events sent for the device's multicast variables and heard from followed devices. Each part is optional
 * by settings; a part that cannot start (a port taken, no interface) is logged and left out, so the HTTP side of
 * the adapter still runs.
 */
final class UpnpNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(UpnpNetwork.class);

    private final RunningSsdp ssdp;
    private final Discovery discovery;
    private final MulticastEventReceiver receiver;
    private final Disposable routes;

    private UpnpNetwork(RunningSsdp ssdp, Discovery discovery, MulticastEventReceiver receiver, Disposable routes) {
        this.ssdp = ssdp;
        this.discovery = discovery;
        this.receiver = receiver;
        this.routes = routes;
    }

    /**
     * @param upnp values of {@link UpnpConfig#SECTION}
     * @param context the gateway's shared resources
     * @param clock the adapter's clock
     * @param documents the device's documents, advertised
     * @param services the device's services, for the multicast events' USN and SVCID
     * @param bridge follows discovered devices into the router
     * @param multicast where the publisher hands multicast variables' changes
     * @return the started parts
     */
    static Mono<UpnpNetwork> start(Settings upnp, GatewayContext context, SchedulingClock clock,
                                   DeviceDocuments documents, DeviceServices services, SourceBridge bridge,
                                   AtomicReference<MulticastSink> multicast) {
        Settings ssdpSettings = upnp.get(UpnpConfig.SSDP);
        if (!ssdpSettings.get(SsdpConfig.ENABLED)) {
            return Mono.just(new UpnpNetwork(null, null, null, () -> { }));
        }
        return SsdpServer.create(ssdpSettings).device(documents).http(context.http().address())
                .loops(context.loops()).clock(clock).meterRegistry(context.meterRegistry())
                .start()
                .onErrorResume(failure -> {
                    LOG.warn("SSDP did not start ({}); the gateway is neither advertised nor discovering",
                            failure.toString());
                    return Mono.empty();
                })
                .flatMap(ssdp -> {
                    Settings events = upnp.get(UpnpConfig.MULTICAST_EVENTS);
                    boolean multicastOn = events.get(MulticastEventConfig.ENABLED);
                    if (multicastOn) {
                        multicast.set(new MulticastEventSender(events, ssdp, ssdp::links, ssdp::bootId,
                                documents.device().udn(), services.byEventPath, context.meterRegistry()));
                    }
                    Settings discoverySettings = upnp.get(UpnpConfig.DISCOVERY);
                    if (!discoverySettings.get(DiscoveryConfig.ENABLED)) {
                        return Mono.just(new UpnpNetwork(ssdp, null, null, () -> { }));
                    }
                    Discovery discovery = new Discovery(discoverySettings, documents.device().udn(), ssdp,
                            context.router(), bridge, context.loops(), clock, context.meterRegistry());
                    Disposable routes = context.http().route(discovery.routes());
                    if (!multicastOn || !discovery.following()) {
                        return Mono.just(new UpnpNetwork(ssdp, discovery, null, routes));
                    }
                    MulticastEventReceiver receiver = new MulticastEventReceiver(events,
                            context.loops().onServer(true), ssdpSettings.get(SsdpConfig.TTL), discovery::multicastEvent,
                            context.meterRegistry());
                    return receiver.start(ssdp.links()).thenReturn(new UpnpNetwork(ssdp, discovery, receiver, routes));
                })
                .defaultIfEmpty(new UpnpNetwork(null, null, null, () -> { }));
    }

    /** @return the running SSDP, or {@code null} when off or not started */
    RunningSsdp ssdp() {
        return ssdp;
    }

    /** @return the registry's devices, empty when discovery is off */
    List<DiscoveredDevice> devices() {
        return discovery == null ? List.of() : discovery.devices();
    }

    /** @return the multicast event receiver, or {@code null} when no device is followed */
    MulticastEventReceiver receiver() {
        return receiver;
    }

    /** @return completes when byebye is said and every part stopped */
    Mono<Void> stop() {
        return (receiver == null ? Mono.<Void>empty() : receiver.stop())
                .then(discovery == null ? Mono.empty() : discovery.stop())
                .then(ssdp == null ? Mono.empty() : ssdp.stop(Duration.ofSeconds(2)))
                .doFinally(signal -> routes.dispose());
    }
}
