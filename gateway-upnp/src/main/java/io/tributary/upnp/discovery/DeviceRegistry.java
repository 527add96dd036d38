package io.tributary.upnp.discovery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.util.NetUtil;
import io.tributary.core.http.HttpBodies;
import io.tributary.core.log.RateLimitedLog;
import io.tributary.core.time.Cancellable;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.description.DescriptionException;
import io.tributary.upnp.description.DeviceDescription;
import io.tributary.upnp.http.Connections;
import io.tributary.upnp.ssdp.SsdpAnnouncement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The devices on the network, as a control point keeps them (UDA 2.0 §1.2, §1.3): a root device enters with its
 * first ssdp:alive or search response, stays while it re-announces itself within its max-age, and leaves with
 * ssdp:byebye or when that time runs out; ssdp:update moves its BOOTID. Its description is fetched (a few at a
 * time) when it enters and again when its LOCATION or CONFIGID changes; announcements of embedded devices are
 * folded into their root device once it is described. LOCATION must be the sender's own address (no description
 * fetches on another host's behalf), and at most {@link DiscoveryConfig#MAX_DEVICES} devices are kept; other
 * announcements are counted and left out. Devices come and go to a {@link Listener}, outside the registry's lock.
 */
final class DeviceRegistry {

    /** Told when a device is described (again) and when it leaves. */
    interface Listener {
        /**
         * @param udn the root device's UDN
         * @param location its description URL
         * @param description its description
         */
        void online(String udn, URI location, DeviceDescription description);

        /**
         * @param udn the root device's UDN
         * @param description its description, or {@code null} when it left before it was described
         */
        void offline(String udn, DeviceDescription description);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String ownUdn;
    private final int maxDevices;
    private final DescriptionFetcher fetcher;
    private final Duration fetchTimeout;
    private final SchedulingClock clock;
    private final DiscoveryMeters meters;
    private final Listener listener;
    private final RateLimitedLog problems = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);
    private final Map<String, Entry> byUdn = new HashMap<>();
    private final Set<Entry> roots = new LinkedHashSet<>();
    private final Sinks.Many<Entry> fetches = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable fetching;
    private boolean stopped;

    DeviceRegistry(String ownUdn, int maxDevices, DescriptionFetcher fetcher, Duration fetchTimeout,
                   int concurrentFetches, SchedulingClock clock, DiscoveryMeters meters, Listener listener) {
        this.ownUdn = ownUdn;
        this.maxDevices = maxDevices;
        this.fetcher = fetcher;
        this.fetchTimeout = fetchTimeout;
        this.clock = clock;
        this.meters = meters;
        this.listener = listener;
        this.fetching = fetches.asFlux().flatMap(this::fetch, concurrentFetches).subscribe();
    }

    /** @param announcement an advertisement or search response of some device */
    void onAnnouncement(SsdpAnnouncement announcement) {
        String udn = announcement.udn();
        if (udn.equalsIgnoreCase(ownUdn)) {
            return;
        }
        Entry left = null;
        Entry fetch = null;
        synchronized (this) {
            if (stopped) {
                return;
            }
            Entry entry = byUdn.get(udn);
            switch (announcement.kind()) {
                case BYEBYE -> left = entry == null ? null : remove(entry);
                case UPDATE -> {
                    if (entry != null && announcement.nextBootId() >= 0) {
                        entry.bootId = announcement.nextBootId();
                    }
                }
                default -> fetch = alive(entry, udn, announcement);
            }
        }
        if (left != null) {
            LOG.info("UPnP device {} left (byebye)", left.udn);
            listener.offline(left.udn, left.description);
        }
        if (fetch != null) {
            synchronized (fetches) {
                fetches.tryEmitNext(fetch);
            }
        }
    }

    /** Enters or refreshes a device; returns it when its description must be fetched. Called under the lock. */
    private Entry alive(Entry entry, String udn, SsdpAnnouncement announcement) {
        URI location = location(announcement);
        if (location == null) {
            meters.ignored("location-out-of-scope");
            problems.warn("SSDP announcement of {} from {} ignored: LOCATION {} is not the sender's address", udn,
                    announcement.sender(), announcement.location());
            return null;
        }
        if (announcement.sender().getAddress().isLinkLocalAddress()
                && announcement.sender().getAddress() instanceof Inet6Address) {
            // A link-local LOCATION cannot be fetched without its zone; devices announce an IPv4 one as well.
            meters.ignored("link-local-location");
            return null;
        }
        long now = clock.nanoTime();
        if (entry == null) {
            if (roots.size() >= maxDevices) {
                meters.ignored("registry-full");
                problems.warn("UPnP device {} at {} ignored: the registry holds {} devices", udn, location,
                        maxDevices);
                return null;
            }
            entry = new Entry(udn, location);
            entry.retryAt = now;
            byUdn.put(udn, entry);
            roots.add(entry);
            LOG.info("UPnP device {} found at {}", udn, location);
        }
        entry.server = announcement.server() != null ? announcement.server() : entry.server;
        entry.bootId = announcement.bootId();
        armExpiry(entry, now + TimeUnit.SECONDS.toNanos(Math.max(1, announcement.maxAgeSeconds())));
        // A device announces on IPv4 and IPv6 alike: only a new address of the same family moves it.
        boolean moved = !location.equals(entry.location) && ipv6(location) == ipv6(entry.location);
        boolean reconfigured = announcement.configId() >= 0 && entry.configId >= 0
                && announcement.configId() != entry.configId;
        if (announcement.configId() >= 0) {
            entry.configId = announcement.configId();
        }
        if (entry.fetching) {
            return null;
        }
        if (moved || reconfigured || entry.description == null && now - entry.retryAt >= 0) {
            entry.location = location;
            entry.fetching = true;
            return entry;
        }
        return null;
    }

    /** LOCATION, when it is an http:// URL whose host is the announcement's sender. */
    private static URI location(SsdpAnnouncement announcement) {
        try {
            URI location = new URI(announcement.location());
            String host = location.getHost();
            if (!"http".equalsIgnoreCase(location.getScheme()) || host == null) {
                return null;
            }
            byte[] literal = NetUtil.createByteArrayFromIpAddressString(host.startsWith("[")
                    ? host.substring(1, host.length() - 1) : host);
            return literal != null && Connections.normalize(InetAddress.getByAddress(literal))
                    .equals(Connections.normalize(announcement.sender().getAddress())) ? location : null;
        } catch (URISyntaxException | UnknownHostException e) {
            return null;
        }
    }

    private static boolean ipv6(URI location) {
        return location.getHost().startsWith("[");
    }

    private Mono<Void> fetch(Entry entry) {
        URI location;
        synchronized (this) {
            location = entry.location;
        }
        return fetcher.fetch(location, fetchTimeout)
                .doOnNext(description -> described(entry, location, description))
                .onErrorResume(failure -> {
                    failed(entry, location, failure);
                    return Mono.empty();
                })
                .then();
    }

    private void described(Entry entry, URI location, DeviceDescription description) {
        meters.description("ok");
        String root = description.udn();
        synchronized (this) {
            entry.fetching = false;
            if (stopped || !roots.contains(entry) || !location.equals(entry.location)) {
                return;
            }
            Entry owner = byUdn.get(root);
            if (owner != null && owner != entry) {
                // An embedded device announced first; its root is already known: this entry folds into it.
                remove(entry);
                byUdn.put(entry.udn, owner);
                return;
            }
            byUdn.remove(entry.udn);
            entry.udn = root;
            entry.description = description;
            entry.problem = null;
            for (DeviceDescription device : description.allDevices()) {
                byUdn.put(device.udn(), entry);
            }
        }
        LOG.info("UPnP device {} described: {} '{}' with {} service(s)", root, description.deviceType(),
                description.friendlyName(), description.services().size());
        listener.online(root, location, description);
    }

    private void failed(Entry entry, URI location, Throwable failure) {
        String outcome = failure instanceof HttpBodies.BodyTooLargeException ? "too-large"
                : failure instanceof DescriptionException ? "malformed" : "failed";
        meters.description(outcome);
        problems.warn("description of UPnP device {} at {} unusable ({}): {}", entry.udn, location, outcome,
                failure.getMessage());
        synchronized (this) {
            entry.fetching = false;
            entry.problem = outcome + ": " + failure.getMessage();
            entry.retryAt = clock.nanoTime() + RETRY_NANOS;
        }
    }

    private void armExpiry(Entry entry, long deadline) {
        entry.deadline = deadline;
        if (entry.expiry == null) {
            entry.expiry = clock.schedule(() -> checkExpiry(entry), deadline - clock.nanoTime(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void checkExpiry(Entry entry) {
        Entry left = null;
        synchronized (this) {
            entry.expiry = null;
            if (!roots.contains(entry)) {
                return;
            }
            long remaining = entry.deadline - clock.nanoTime();
            if (remaining > 0) {
                entry.expiry = clock.schedule(() -> checkExpiry(entry), remaining, TimeUnit.NANOSECONDS);
            } else {
                left = remove(entry);
            }
        }
        if (left != null) {
            LOG.info("UPnP device {} expired (no announcement within its max-age)", left.udn);
            listener.offline(left.udn, left.description);
        }
    }

    /** Removes an entry and its aliases; called under the lock. */
    private Entry remove(Entry entry) {
        roots.remove(entry);
        byUdn.values().removeIf(candidate -> candidate == entry);
        if (entry.expiry != null) {
            entry.expiry.cancel();
            entry.expiry = null;
        }
        return entry;
    }

    /** @return the root devices now, with what is known of each */
    synchronized List<Snapshot> snapshot() {
        long now = clock.nanoTime();
        List<Snapshot> all = new ArrayList<>(roots.size());
        for (Entry entry : roots) {
            all.add(new Snapshot(entry.udn, entry.location, entry.server, entry.bootId, entry.configId,
                    Duration.ofNanos(Math.max(0, entry.deadline - now)), entry.description, entry.problem));
        }
        return all;
    }

    /** @return how many root devices it holds */
    synchronized int size() {
        return roots.size();
    }

    /** Forgets every device (without telling the listener) and stops fetching. */
    void stop() {
        synchronized (this) {
            stopped = true;
            roots.forEach(entry -> {
                if (entry.expiry != null) {
                    entry.expiry.cancel();
                }
            });
            roots.clear();
            byUdn.clear();
        }
        fetching.dispose();
    }

    /** What is known of one root device at one moment. */
    record Snapshot(String udn, URI location, String server, long bootId, long configId, Duration expiresIn,
                    DeviceDescription description, String problem) {
    }

    /** A root device in the registry; guarded by the registry. */
    private static final class Entry {
        private String udn;
        private URI location;
        private String server;
        private long bootId = -1;
        private long configId = -1;
        private long deadline;
        private long retryAt;
        private Cancellable expiry;
        private boolean fetching;
        private DeviceDescription description;
        private String problem;

        Entry(String udn, URI location) {
            this.udn = udn;
            this.location = location;
        }
    }
}
