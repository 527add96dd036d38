package io.tributary.upnp.ssdp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.tributary.core.config.Settings;
import io.tributary.core.log.RateLimitedLog;
import io.tributary.core.time.Cancellable;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.description.DeviceDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpResources;

/**
 * A started {@link SsdpServer}: its channels, the advertiser and search responder of its device (if any), the
 * stream of other devices' advertisements, and the interface check that rebinds channels and announces
 * ssdp:update when addresses change. {@link #stop()} says byebye and closes the channels.
 */
public final class RunningSsdp implements SsdpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(RunningSsdp.class);

    private final SsdpServer definition;
    private final Settings settings;
    private final MulticastChannels channels;
    private final SchedulingClock clock;
    private final SsdpMeters meters;
    private final Advertiser advertiser;
    private final SearchResponder responder;
    private final Sinks.Many<SsdpAnnouncement> announcements = Sinks.many().multicast().directBestEffort();
    private final RateLimitedLog malformed = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);
    private final Disposable configChanges;
    private volatile List<SsdpLink> links = List.of();
    private volatile Cancellable check;
    private volatile boolean stopped;

    RunningSsdp(SsdpServer definition) {
        this.definition = definition;
        this.settings = definition.settings;
        EventLoopGroup group = definition.loops != null ? definition.loops : HttpResources.get().onServer(true);
        this.clock = definition.clockOr(group);
        this.meters = new SsdpMeters(definition.meterRegistry != null ? definition.meterRegistry
                : new SimpleMeterRegistry());
        this.channels = new MulticastChannels(group, MulticastGroup.ssdp(settings.get(SsdpConfig.PORT)),
                settings.get(SsdpConfig.TTL), new SsdpDecoder(settings.get(SsdpConfig.MAX_DATAGRAM_SIZE),
                settings.get(SsdpConfig.MAX_HEADERS)), this::inbound);
        DeviceDocuments device = definition.device;
        if (device != null && settings.get(SsdpConfig.ADVERTISE)) {
            long maxAge = settings.get(SsdpConfig.MAX_AGE).getSeconds();
            Announcements messages = new Announcements(device.device(), maxAge);
            int port = settings.get(SsdpConfig.PORT);
            this.advertiser = new Advertiser(messages, channels, clock, definition.random, meters,
                    MulticastGroup.ssdp(port == 0 ? 1900 : port), maxAge, settings.get(SsdpConfig.ADVERTISE_COUNT),
                    definition.http.getPort(), SsdpServer.initialBootId(), device.configId());
            this.responder = new SearchResponder(messages, advertiser::bootId, advertiser::configId,
                    settings.get(SsdpConfig.ALLOWED_NETWORKS), new ResponseLimiter(clock,
                    settings.get(SsdpConfig.RESPONSE_RATE_PER_SOURCE), settings.get(SsdpConfig.RESPONSE_RATE),
                    settings.get(SsdpConfig.MAX_SOURCES)), channels, clock, definition.random, meters,
                    definition.http.getPort());
            this.configChanges = device.configIdChanges().subscribe(advertiser::configChanged);
        } else {
            this.advertiser = null;
            this.responder = null;
            this.configChanges = () -> { };
        }
    }

    Mono<RunningSsdp> start(List<SsdpLink> initial) {
        return bindAll(initial).map(bound -> {
            links = bound;
            if (advertiser != null) {
                advertiser.start(bound);
            }
            scheduleCheck();
            LOG.info("SSDP on port {} over {}{}", channels.port(), bound,
                    advertiser == null ? " (not advertising)" : ", advertising " + definition.device.device().udn());
            return this;
        });
    }

    /** Binds what it can; a link whose channel fails is logged and left out. */
    private Mono<List<SsdpLink>> bindAll(List<SsdpLink> wanted) {
        return Flux.fromIterable(wanted)
                .concatMap(link -> channels.bind(link).thenReturn(link).onErrorResume(failure -> {
                    LOG.warn("SSDP cannot run on {}: {}", link, failure.toString());
                    return Mono.empty();
                }))
                .collectList();
    }

    private void inbound(SsdpDatagram datagram, SsdpLink link) {
        if (datagram.invalid() != null) {
            meters.dropped(datagram.invalid());
            malformed.warn("SSDP datagram from {} on {} dropped: {}", datagram.sender(), link, datagram.invalid());
            return;
        }
        SsdpMessage message = datagram.message();
        if (message.isSearch()) {
            meters.received("search");
            if (responder != null) {
                responder.onSearch(datagram, link);
            }
            return;
        }
        meters.received(message.isNotify() ? "notify" : "response");
        SsdpAnnouncement announcement = SsdpAnnouncement.of(message, datagram.sender());
        if (announcement != null) {
            synchronized (announcements) {
                announcements.tryEmitNext(announcement);
            }
        }
    }

    private void scheduleCheck() {
        if (stopped) {
            return;
        }
        check = clock.schedule(this::checkInterfaces, settings.get(SsdpConfig.INTERFACE_CHECK_INTERVAL).toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void checkInterfaces() {
        Mono.fromCallable(definition.interfaces).subscribeOn(Schedulers.boundedElastic())
                .map(definition::links)
                .flatMap(now -> now.equals(links) || stopped ? Mono.empty() : relink(now))
                .doFinally(signal -> scheduleCheck())
                .subscribe(null, failure -> LOG.warn("SSDP interface check failed: {}", failure.toString()));
    }

    private Mono<Void> relink(List<SsdpLink> now) {
        List<SsdpLink> removed = new ArrayList<>(links);
        removed.removeAll(now);
        List<SsdpLink> added = new ArrayList<>(now);
        added.removeAll(links);
        return Flux.fromIterable(removed).concatMap(channels::unbind).then(bindAll(added)).map(bound -> {
            List<SsdpLink> current = new ArrayList<>(links);
            current.removeAll(removed);
            current.addAll(bound);
            links = List.copyOf(current);
            if (advertiser != null && !stopped) {
                advertiser.linksChanged(links);
            } else {
                LOG.info("SSDP links now {}", links);
            }
            return bound;
        }).then();
    }

    /** @return advertisements and search responses of other devices (and the gateway's own, looped back) */
    public Flux<SsdpAnnouncement> announcements() {
        return announcements.asFlux();
    }

    /** @return the links with a bound channel */
    public List<SsdpLink> links() {
        return links;
    }

    /** @return the SSDP port the channels are bound to */
    public int port() {
        return channels.port();
    }

    /** @return the BOOTID.UPNP.ORG advertised, or -1 when not advertising */
    public long bootId() {
        return advertiser == null ? -1 : advertiser.bootId();
    }

    /**
     * Sends a datagram out of a link's channel, e.g. a multicast event.
     *
     * @param message the message
     * @param recipient where to
     * @param via the link
     * @return completes once written
     */
    @Override
    public Mono<Void> send(SsdpMessage message, InetSocketAddress recipient, SsdpLink via) {
        return channels.send(message, recipient, via);
    }

    /**
     * Says byebye (when advertising), stops the timers and closes the channels.
     *
     * @param timeout how long to wait for the byebyes to be written
     * @return completes when closed
     */
    public Mono<Void> stop(Duration timeout) {
        return Mono.defer(() -> {
            stopped = true;
            Cancellable pending = check;
            if (pending != null) {
                pending.cancel();
            }
            configChanges.dispose();
            Mono<Void> byebye = advertiser == null ? Mono.empty() : advertiser.stop();
            return byebye.timeout(timeout, Mono.empty()).then(channels.close())
                    .doFinally(signal -> announcements.tryEmitComplete());
        });
    }
}
