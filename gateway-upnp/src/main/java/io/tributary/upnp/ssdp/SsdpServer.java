package io.tributary.upnp.ssdp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.tributary.core.config.Settings;
import io.tributary.core.time.EventLoopClock;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.description.DeviceDocuments;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * SSDP for the gateway (UDA 2.0 §1), an immutable definition whose methods return changed copies: on every link
 * of its interfaces a channel bound to the SSDP port ({@link MulticastChannels}); when a device is given and
 * {@link SsdpConfig#ADVERTISE} is on, the {@link Advertiser} and the {@link SearchResponder} for it; and the
 * advertisements of other devices as a stream for discovery. LOCATION points at the HTTP listener: links are made
 * only for interface addresses the listener accepts (all of a family when it is bound to the wildcard address,
 * IPv6 only when it accepts IPv6 and {@link SsdpConfig#IPV6} is on). Defaults: no device, listener 0.0.0.0:8080,
 * Reactor Netty's global loops, a clock on one of them, a new {@link SimpleMeterRegistry}, the host's interfaces.
 *
 * <pre>{@code
 * RunningSsdp ssdp = SsdpServer.create(SsdpConfig.defaults()).device(documents)
 *         .http(new InetSocketAddress("0.0.0.0", 8080)).start().block();
 * ssdp.announcements().subscribe(announcement -> log.info("{} {}", announcement.kind(), announcement.usn()));
 * }</pre>
 */
public final class SsdpServer {

    final Settings settings;
    final DeviceDocuments device;
    final InetSocketAddress http;
    final EventLoopGroup loops;
    final SchedulingClock clock;
    final MeterRegistry meterRegistry;
    final Callable<List<SsdpInterface>> interfaces;
    final Random random;

    private SsdpServer(Settings settings, DeviceDocuments device, InetSocketAddress http, EventLoopGroup loops,
                       SchedulingClock clock, MeterRegistry meterRegistry, Callable<List<SsdpInterface>> interfaces,
                       Random random) {
        this.settings = settings;
        this.device = device;
        this.http = http;
        this.loops = loops;
        this.clock = clock;
        this.meterRegistry = meterRegistry;
        this.interfaces = interfaces;
        this.random = random;
    }

    /**
     * @param settings values of {@link SsdpConfig#SECTION}
     * @return a definition with those settings
     * @throws IllegalArgumentException if they belong to another section
     */
    public static SsdpServer create(Settings settings) {
        if (settings.section() != SsdpConfig.SECTION) {
            throw new IllegalArgumentException("expected ssdp settings, was " + settings.section());
        }
        Settings valid = settings.validate();
        return new SsdpServer(valid, null, new InetSocketAddress("0.0.0.0", 8080), null, null, null,
                () -> SsdpInterface.scan(valid.get(SsdpConfig.INTERFACES)), new Random());
    }

    /**
     * @param documents the root device to advertise and answer searches for; default none (discovery only)
     * @return a new definition reference
     */
    public SsdpServer device(DeviceDocuments documents) {
        return new SsdpServer(settings, Objects.requireNonNull(documents, "documents"), http, loops, clock,
                meterRegistry, interfaces, random);
    }

    /**
     * @param listener the HTTP listener's bound address: its port goes into LOCATION, its address chooses the links
     * @return a new definition reference
     */
    public SsdpServer http(InetSocketAddress listener) {
        return new SsdpServer(settings, device, Objects.requireNonNull(listener, "listener"), loops, clock,
                meterRegistry, interfaces, random);
    }

    /**
     * @param resources the event loops of the channels; default Reactor Netty's global loops
     * @return a new definition reference
     */
    public SsdpServer loops(LoopResources resources) {
        return new SsdpServer(settings, device, http, resources.onServer(true), clock, meterRegistry, interfaces,
                random);
    }

    /**
     * @param timers runs the advertisement, response-delay and interface-check timers; default a clock on one of
     *               the loops
     * @return a new definition reference
     */
    public SsdpServer clock(SchedulingClock timers) {
        return new SsdpServer(settings, device, http, loops, Objects.requireNonNull(timers, "timers"),
                meterRegistry, interfaces, random);
    }

    /**
     * @param registry where to record meters; default a new {@link SimpleMeterRegistry}
     * @return a new definition reference
     */
    public SsdpServer meterRegistry(MeterRegistry registry) {
        return new SsdpServer(settings, device, http, loops, clock, Objects.requireNonNull(registry, "registry"),
                interfaces, random);
    }

    /**
     * @param source reads the interfaces to run on (called off the event loops, at start and at each check);
     *               default the host's, per {@link SsdpConfig#INTERFACES}
     * @return a new definition reference
     */
    public SsdpServer interfaces(Callable<List<SsdpInterface>> source) {
        return new SsdpServer(settings, device, http, loops, clock, meterRegistry,
                Objects.requireNonNull(source, "source"), random);
    }

    /** Test hook: the random source of response delays and renewal times. */
    SsdpServer random(Random source) {
        return new SsdpServer(settings, device, http, loops, clock, meterRegistry, interfaces, source);
    }

    /**
     * Reads the interfaces, binds a channel per link and starts advertising; links that cannot be bound are logged
     * and left out.
     *
     * @return the running SSDP
     */
    public Mono<RunningSsdp> start() {
        return Mono.fromCallable(interfaces).subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> new RunningSsdp(this).start(links(found)));
    }

    /**
     * @param found the interfaces
     * @return the links the HTTP listener can be reached on
     */
    List<SsdpLink> links(List<SsdpInterface> found) {
        InetAddress listener = http.getAddress();
        boolean wildcard = listener.isAnyLocalAddress();
        boolean ipv6Listener = listener instanceof Inet6Address;
        List<SsdpLink> links = new ArrayList<>();
        for (SsdpInterface iface : found) {
            if (iface.ipv4() != null && (wildcard || !ipv6Listener && iface.owns(listener))) {
                links.add(new SsdpLink(iface, false));
            }
            if (ipv6Listener && settings.get(SsdpConfig.IPV6) && iface.ipv6() != null
                    && (wildcard || iface.owns(listener))) {
                links.add(new SsdpLink(iface, true));
            }
        }
        return links;
    }

    /** @return a BOOTID for a new start: the time in seconds, as UDA 1.1 §1.2.2 suggests, in 31 bits */
    static long initialBootId() {
        return Instant.now().getEpochSecond() & Integer.MAX_VALUE;
    }

    SchedulingClock clockOr(EventLoopGroup group) {
        return clock != null ? clock : new EventLoopClock(group.next());
    }
}
