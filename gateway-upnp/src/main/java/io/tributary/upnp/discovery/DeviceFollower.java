package io.tributary.upnp.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.upnp.bridge.SourceBridge;
import io.tributary.upnp.bridge.TopicsScpd;
import io.tributary.upnp.description.DeviceDescription;
import io.tributary.upnp.description.ServiceDescription;
import io.tributary.upnp.description.UpnpTypes;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.http.GenaHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Follows the devices the discovery rules match into the router: for each matching (root or embedded) device a
 * retained {@code upnp/<udn>/online} ({@code true}, {@code false} when it leaves), and for each of its services the
 * rule asks for a GENA subscription whose variables become retained {@code upnp/<udn>/<serviceId>/<variable>}
 * ({@code serviceId} the last part of the service identifier, e.g. {@code RenderingControl}). A service is
 * followed only when its event URL is on the same host as the description; another Tributary gateway's topics
 * service only when a rule names it. Multicast events of followed services
 * are published the same way, each SEQ once. Devices leaving are unsubscribed.
 */
final class DeviceFollower implements DeviceRegistry.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceFollower.class);

    private final List<DiscoveryRule> rules;
    private final Router router;
    private final SourceBridge bridge;
    private final Map<String, List<Follow>> byRoot = new HashMap<>();

    DeviceFollower(List<DiscoveryRule> rules, Router router, SourceBridge bridge) {
        this.rules = List.copyOf(rules);
        this.router = router;
        this.bridge = bridge;
    }

    /** @return whether any rule exists, i.e. whether anything may be followed */
    boolean following() {
        return !rules.isEmpty();
    }

    /**
     * Follows what the rules ask for of a described device; on a new description (CONFIGID or LOCATION changed)
     * subscriptions that are still wanted are kept, the others ended, new ones started.
     */
    @Override
    public void online(String udn, URI location, DeviceDescription description) {
        List<Follow> wanted = new ArrayList<>();
        for (DeviceDescription device : description.allDevices()) {
            DiscoveryRule rule = rules.stream().filter(candidate -> candidate.matches(device)).findFirst()
                    .orElse(null);
            if (rule == null) {
                continue;
            }
            publishOnline(device.udn(), true);
            for (ServiceDescription service : device.services()) {
                if (!rule.follows(service.serviceType()) || service.eventSubUrl().isEmpty()
                        || loops(rule, service)) {
                    continue;
                }
                URI events = URI.create(service.eventSubUrl());
                if (!location.getHost().equalsIgnoreCase(events.getHost())) {
                    LOG.warn("UPnP device {}: event URL {} of {} is not on the description's host; not followed",
                            device.udn(), events, service.serviceId());
                    continue;
                }
                wanted.add(new Follow(device.udn(), service.serviceId(), Topic.of("upnp", device.udn(),
                        segment(service.shortId())), events));
            }
        }
        List<Follow> kept = new ArrayList<>();
        List<Follow> ended = new ArrayList<>();
        List<Follow> started = new ArrayList<>();
        synchronized (this) {
            List<Follow> current = byRoot.getOrDefault(udn, List.of());
            for (Follow follow : current) {
                (wanted.stream().anyMatch(follow::sameAs) ? kept : ended).add(follow);
            }
            for (Follow follow : wanted) {
                if (kept.stream().noneMatch(follow::sameAs)) {
                    started.add(follow);
                }
            }
            List<Follow> now = new ArrayList<>(kept);
            now.addAll(started);
            if (now.isEmpty()) {
                byRoot.remove(udn);
            } else {
                byRoot.put(udn, now);
            }
        }
        ended.forEach(Follow::stop);
        for (Follow follow : started) {
            follow.start(bridge);
            LOG.info("following {} of UPnP device {} into {}", follow.serviceId, follow.udn, follow.prefix);
        }
    }

    @Override
    public void offline(String udn, DeviceDescription description) {
        stopFollowing(udn);
        if (description == null) {
            return;
        }
        for (DeviceDescription device : description.allDevices()) {
            if (rules.stream().anyMatch(rule -> rule.matches(device))) {
                publishOnline(device.udn(), false);
            }
        }
    }

    /**
     * @param udn a device's UDN
     * @param serviceId one of its services
     * @return the gateway's subscription to it
     */
    synchronized SubscriptionState state(String udn, String serviceId) {
        for (List<Follow> follows : byRoot.values()) {
            for (Follow follow : follows) {
                if (follow.udn.equals(udn) && follow.serviceId.equals(serviceId)) {
                    return follow.state;
                }
            }
        }
        return SubscriptionState.NONE;
    }

    /**
     * Publishes a multicast event (UDA 2.0 §4.3.3) of a followed service; others, and a SEQ already seen, are
     * ignored.
     *
     * @param udn the device's UDN, from the USN
     * @param serviceId the SVCID
     * @param properties the variables
     * @param seq the SEQ
     * @param peer the sender, for the {@code peer} attribute
     * @return whether it was published
     */
    boolean multicastEvent(String udn, String serviceId, PropertySet properties, long seq, String peer) {
        Follow target = null;
        synchronized (this) {
            for (List<Follow> follows : byRoot.values()) {
                for (Follow follow : follows) {
                    if (follow.udn.equalsIgnoreCase(udn) && follow.serviceId.equals(serviceId)) {
                        target = follow;
                    }
                }
            }
            if (target == null || !target.newSeq(seq)) {
                return false;
            }
        }
        bridge.publish(target.prefix, properties, peer, null, seq);
        return true;
    }

    /** Unsubscribes everything. */
    void stop() {
        List<String> roots;
        synchronized (this) {
            roots = List.copyOf(byRoot.keySet());
        }
        roots.forEach(this::stopFollowing);
    }

    private void stopFollowing(String udn) {
        List<Follow> follows;
        synchronized (this) {
            follows = byRoot.remove(udn);
        }
        if (follows != null) {
            follows.forEach(Follow::stop);
        }
    }

    private void publishOnline(String udn, boolean online) {
        router.publish(Message.builder(Topic.of("upnp", udn, "online")).payload(Boolean.toString(online))
                .contentType("text/plain;charset=utf-8").attribute(Message.ORIGIN, "upnp").retain(true).build());
    }

    /**
     * Another gateway's topics service events every retained topic, those it follows from this gateway too; two
     * gateways following each other's topics services would echo topics back and forth. So it is followed only when
     * a rule names its type.
     */
    private static boolean loops(DiscoveryRule rule, ServiceDescription service) {
        return UpnpTypes.satisfies(TopicsScpd.SERVICE_TYPE, service.serviceType()) && rule.serviceTypes().stream()
                .noneMatch(type -> UpnpTypes.satisfies(type, service.serviceType()));
    }

    /** A topic segment from a name: characters a segment may not hold become {@code _}. */
    private static String segment(String name) {
        String segment = name.replace('/', '_').replace('+', '_').replace('#', '_');
        return segment.isEmpty() ? "_" : segment;
    }

    /** One followed service. */
    private static final class Follow {
        private final String udn;
        private final String serviceId;
        private final Topic prefix;
        private final URI events;
        private volatile SubscriptionState state = SubscriptionState.SUBSCRIBING;
        private volatile Disposable subscription;
        private long lastSeq = -1;

        Follow(String udn, String serviceId, Topic prefix, URI events) {
            this.udn = udn;
            this.serviceId = serviceId;
            this.prefix = prefix;
            this.events = events;
        }

        void start(SourceBridge bridge) {
            subscription = bridge.follow(prefix, events, event -> state = event.isGap()
                    ? SubscriptionState.RESUBSCRIBING : SubscriptionState.SUBSCRIBED);
        }

        void stop() {
            Disposable running = subscription;
            if (running != null) {
                running.dispose();
            }
        }

        /** Whether it follows the same service at the same event URL. */
        boolean sameAs(Follow other) {
            return udn.equals(other.udn) && serviceId.equals(other.serviceId) && events.equals(other.events);
        }

        /** Whether a multicast SEQ comes after the last one seen (modulo the wrap). */
        boolean newSeq(long seq) {
            boolean fresh = lastSeq < 0 || seq > lastSeq || lastSeq - seq > GenaHeaders.MAX_SEQ / 2;
            if (fresh) {
                lastSeq = seq;
            }
            return fresh;
        }
    }
}
