package io.tributary.upnp.ssdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.tributary.core.time.Cancellable;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.description.DeviceDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Advertises the root device (UDA 2.0 §1.2): ssdp:alive for each notification on every link, repeated
 * {@code count} times {@value #ROUND_GAP_MILLIS} ms apart, at start, after a configuration change (new CONFIGID) and
 * again at a random time between a quarter and 45 % of max-age, so well before half of it passes; on a change of
 * links ssdp:update with BOOTID and NEXTBOOTID on the links that stay, then alive everywhere with the new BOOTID
 * (§1.2.4); ssdp:byebye {@code count} times when stopped. Timers run on the clock.
 */
final class Advertiser {

    /** The gap between the repeated rounds of one announcement. */
    static final long ROUND_GAP_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Advertiser.class);

    private final Announcements announcements;
    private final SsdpTransport transport;
    private final SchedulingClock clock;
    private final Random random;
    private final SsdpMeters meters;
    private final MulticastGroup group;
    private final long maxAgeSeconds;
    private final int count;
    private final int httpPort;

    // Guarded by this.
    private List<SsdpLink> links = List.of();
    private long bootId;
    private long configId;
    private Cancellable renewal;
    private boolean stopped;

    /**
     * @param announcements the device's messages
     * @param transport sends them
     * @param clock runs the repeat and renewal timers
     * @param random jitters the renewal time
     * @param meters counts what is sent
     * @param group SSDP's multicast group and port
     * @param maxAgeSeconds the CACHE-CONTROL max-age
     * @param count how often each announcement is sent
     * @param httpPort the HTTP listener's port, for LOCATION
     * @param bootId the first BOOTID.UPNP.ORG
     * @param configId the first CONFIGID.UPNP.ORG
     */
    Advertiser(Announcements announcements, SsdpTransport transport, SchedulingClock clock, Random random,
               SsdpMeters meters, MulticastGroup group, long maxAgeSeconds, int count, int httpPort, long bootId,
               long configId) {
        this.announcements = announcements;
        this.transport = transport;
        this.clock = clock;
        this.random = random;
        this.meters = meters;
        this.group = group;
        this.maxAgeSeconds = maxAgeSeconds;
        this.count = count;
        this.httpPort = httpPort;
        this.bootId = bootId;
        this.configId = configId;
    }

    synchronized long bootId() {
        return bootId;
    }

    synchronized long configId() {
        return configId;
    }

    /** Announces on these links now and keeps announcing until stopped. */
    void start(List<SsdpLink> initial) {
        synchronized (this) {
            links = List.copyOf(initial);
        }
        rounds();
        scheduleRenewal();
    }

    /** Announces the new configuration number at once (UDA 1.1 §1.1.2: control points re-read the descriptions). */
    void configChanged(long newConfigId) {
        synchronized (this) {
            if (stopped || newConfigId == configId) {
                return;
            }
            configId = newConfigId;
        }
        rounds();
    }

    /**
     * The interfaces or their addresses changed: ssdp:update on the links that stay, a new BOOTID, alive on all.
     *
     * @param now the links from now on
     */
    void linksChanged(List<SsdpLink> now) {
        List<SsdpLink> unaffected = new ArrayList<>();
        long old;
        long next;
        synchronized (this) {
            if (stopped) {
                return;
            }
            links.stream().filter(now::contains).forEach(unaffected::add);
            old = bootId;
            next = bootId + 1;
            bootId = next;
            links = List.copyOf(now);
        }
        int sent = 0;
        for (SsdpLink link : unaffected) {
            String location = link.location(httpPort, DeviceDocuments.DESCRIPTION_PATH);
            for (Announcements.Notification notification : announcements.notifications()) {
                send(announcements.update(notification, group.host(link), location, old, next, configId()), link);
                sent++;
            }
        }
        meters.sent("update", sent);
        LOG.info("SSDP links now {}: ssdp:update on {}, BOOTID {} -> {}", now, unaffected, old, next);
        rounds();
    }

    /** @return completes when every byebye is written; no further announcement is made */
    Mono<Void> stop() {
        List<SsdpLink> leaving;
        Cancellable timer;
        long boot;
        long config;
        synchronized (this) {
            if (stopped) {
                return Mono.empty();
            }
            stopped = true;
            leaving = links;
            timer = renewal;
            renewal = null;
            boot = bootId;
            config = configId;
        }
        if (timer != null) {
            timer.cancel();
        }
        List<Mono<Void>> sends = new ArrayList<>();
        for (int round = 0; round < count; round++) {
            for (SsdpLink link : leaving) {
                for (Announcements.Notification notification : announcements.notifications()) {
                    sends.add(transport.send(announcements.byebye(notification, group.host(link), boot, config),
                            group.recipient(link), link).onErrorResume(failure -> Mono.empty()));
                }
            }
        }
        meters.sent("byebye", sends.size());
        return Mono.when(sends);
    }

    /** Sends one alive round now and the repeats after the round gap. */
    private void rounds() {
        aliveRound();
        for (int round = 1; round < count; round++) {
            clock.schedule(this::aliveRound, round * ROUND_GAP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void aliveRound() {
        List<SsdpLink> current;
        long boot;
        long config;
        synchronized (this) {
            if (stopped) {
                return;
            }
            current = links;
            boot = bootId;
            config = configId;
        }
        int sent = 0;
        for (SsdpLink link : current) {
            String location = link.location(httpPort, DeviceDocuments.DESCRIPTION_PATH);
            for (Announcements.Notification notification : announcements.notifications()) {
                send(announcements.alive(notification, group.host(link), location, boot, config), link);
                sent++;
            }
        }
        meters.sent("alive", sent);
    }

    private void scheduleRenewal() {
        long delayMillis = maxAgeSeconds * (250 + random.nextInt(200));
        Cancellable timer = clock.schedule(() -> {
            rounds();
            scheduleRenewal();
        }, delayMillis, TimeUnit.MILLISECONDS);
        synchronized (this) {
            if (!stopped) {
                renewal = timer;
                return;
            }
        }
        timer.cancel();
    }

    private void send(SsdpMessage message, SsdpLink link) {
        transport.send(message, group.recipient(link), link)
                .subscribe(null, failure -> LOG.debug("SSDP {} on {} failed: {}", message.header(SsdpHeaders.NTS),
                        link, failure.toString()));
    }
}
