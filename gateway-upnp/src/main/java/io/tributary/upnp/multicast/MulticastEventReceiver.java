package io.tributary.upnp.multicast;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.tributary.core.config.Settings;
import io.tributary.core.log.RateLimitedLog;
import io.tributary.core.xml.HardenedXml;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.event.PropertySetException;
import io.tributary.upnp.event.PropertySetReader;
import io.tributary.upnp.http.GenaHeaders;
import io.tributary.upnp.ssdp.MulticastChannels;
import io.tributary.upnp.ssdp.MulticastGroup;
import io.tributary.upnp.ssdp.SsdpDatagram;
import io.tributary.upnp.ssdp.SsdpDecoder;
import io.tributary.upnp.ssdp.SsdpHeaders;
import io.tributary.upnp.ssdp.SsdpLink;
import io.tributary.upnp.ssdp.SsdpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hears multicast events (UDA 2.0 §4.3.3) on 239.255.255.246:7900 ({@code [ff02::130]} on IPv6) on the SSDP links:
 * a {@code NOTIFY *} with {@code NT: upnp:event}, {@code NTS: upnp:propchange}, a USN of a device, an SVCID, a SEQ and
 * a property set as body (read with the hardened reader) goes to the listener; anything else is dropped, counted in
 * {@code tributary.upnp.multicast.rejected{reason}} and logged at a limited rate.
 */
public final class MulticastEventReceiver {

    /** Takes each multicast event heard. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param udn the UDN from the USN
         * @param serviceId the SVCID
         * @param properties the variables
         * @param seq the SEQ
         * @param peer the sender's address
         */
        void event(String udn, String serviceId, PropertySet properties, long seq, String peer);
    }

    private static final Logger LOG = LoggerFactory.getLogger(MulticastEventReceiver.class);

    private final MulticastChannels channels;
    private final PropertySetReader reader = PropertySetReader.create(HardenedXml.create());
    private final Listener listener;
    private final MeterRegistry registry;
    private final RateLimitedLog rejected = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    /**
     * @param settings values of {@link MulticastEventConfig#SECTION}
     * @param loops the event loops of the channels
     * @param ttl the multicast TTL
     * @param listener takes the events
     * @param registry where to record meters
     */
    public MulticastEventReceiver(Settings settings, EventLoopGroup loops, int ttl, Listener listener,
                                  MeterRegistry registry) {
        this.listener = listener;
        this.registry = registry;
        int size = settings.get(MulticastEventConfig.MAX_DATAGRAM_SIZE);
        this.channels = new MulticastChannels(loops, MulticastGroup.events(settings.get(MulticastEventConfig.PORT)),
                ttl, new SsdpDecoder(size, 32), this::inbound);
        for (String reason : new String[] {"malformed", "not-an-event", "malformed-body"}) {
            registry.counter("tributary.upnp.multicast.rejected", "reason", reason);
        }
    }

    /**
     * @param links the links to hear on (those of SSDP)
     * @return completes when bound; links that fail are logged and left out
     */
    public Mono<Void> start(List<SsdpLink> links) {
        return Flux.fromIterable(links).concatMap(link -> channels.bind(link).onErrorResume(failure -> {
            LOG.warn("multicast events cannot be heard on {}: {}", link, failure.toString());
            return Mono.empty();
        })).then();
    }

    /** @return the port the channels are bound to */
    public int port() {
        return channels.port();
    }

    /** @return completes when the channels are closed */
    public Mono<Void> stop() {
        return channels.close();
    }

    private void inbound(SsdpDatagram datagram, SsdpLink link) {
        SsdpMessage message = datagram.message();
        if (message == null) {
            reject("malformed", datagram, datagram.invalid());
            return;
        }
        String udn = SsdpHeaders.udn(message.header(SsdpHeaders.USN));
        String serviceId = message.header(MulticastEvents.SVCID);
        long seq = GenaHeaders.parseSeq(message.header(MulticastEvents.SEQ));
        if (!message.isNotify() || !GenaHeaders.UPNP_EVENT.equals(message.header(SsdpHeaders.NT))
                || !GenaHeaders.UPNP_PROPCHANGE.equals(message.header(SsdpHeaders.NTS)) || udn == null
                || serviceId == null || seq < 0) {
            reject("not-an-event", datagram, "NT/NTS/USN/SVCID/SEQ missing or wrong");
            return;
        }
        PropertySet properties;
        try {
            properties = reader.read(message.body());
        } catch (PropertySetException e) {
            reject("malformed-body", datagram, e.getMessage());
            return;
        }
        listener.event(udn, serviceId, properties, seq, datagram.sender().getAddress().getHostAddress());
    }

    private void reject(String reason, SsdpDatagram datagram, String detail) {
        registry.counter("tributary.upnp.multicast.rejected", "reason", reason).increment();
        rejected.warn("multicast event from {} dropped ({}): {}", datagram.sender(), reason, detail);
    }
}
