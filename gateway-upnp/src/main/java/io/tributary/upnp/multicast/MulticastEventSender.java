package io.tributary.upnp.multicast;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.core.config.Settings;
import io.tributary.core.log.RateLimitedLog;
import io.tributary.upnp.description.ServiceDescription;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.event.PropertySetWriter;
import io.tributary.upnp.http.GenaHeaders;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.publisher.MulticastSink;
import io.tributary.upnp.ssdp.MulticastGroup;
import io.tributary.upnp.ssdp.SsdpEncoder;
import io.tributary.upnp.ssdp.SsdpHeaders;
import io.tributary.upnp.ssdp.SsdpLink;
import io.tributary.upnp.ssdp.SsdpMessage;
import io.tributary.upnp.ssdp.SsdpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the changes of variables marked multicast as multicast events (UDA 2.0 §4.3.3): {@code NOTIFY *} to
 * 239.255.255.246:7900 ({@code [ff02::130]} on IPv6) out of every SSDP link, with {@code NT: upnp:event},
 * {@code NTS: upnp:propchange}, the service's {@code USN} and {@code SVCID}, {@code SEQ} counted per service from 0
 * (wrapping from 4294967295 to 1), {@code LVL} and {@code BOOTID.UPNP.ORG}, the body a property set. An event that
 * does not fit one datagram of {@link MulticastEventConfig#MAX_DATAGRAM_SIZE} is not sent, but counted and logged.
 * Meters: {@code tributary.upnp.multicast.sent} and {@code tributary.upnp.multicast.dropped{reason=too-large}}.
 */
public final class MulticastEventSender implements MulticastSink {

    private static final Logger LOG = LoggerFactory.getLogger(MulticastEventSender.class);

    private final SsdpTransport transport;
    private final Supplier<List<SsdpLink>> links;
    private final LongSupplier bootId;
    private final String udn;
    private final Map<String, ServiceDescription> services;
    private final MulticastGroup group;
    private final String level;
    private final int maxDatagramSize;
    private final PropertySetWriter writer = PropertySetWriter.create();
    private final Map<String, Long> nextSeq = new ConcurrentHashMap<>();
    private final Counter sent;
    private final Counter tooLarge;
    private final RateLimitedLog dropped = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    /**
     * @param settings values of {@link MulticastEventConfig#SECTION}
     * @param transport sends on a link (the SSDP channels)
     * @param links the links to send on, asked at each event
     * @param bootId the device's BOOTID.UPNP.ORG, asked at each event
     * @param udn the device's UDN
     * @param services the services by event subscription path
     * @param registry where to record meters
     */
    public MulticastEventSender(Settings settings, SsdpTransport transport, Supplier<List<SsdpLink>> links,
                                LongSupplier bootId, String udn, Map<String, ServiceDescription> services,
                                MeterRegistry registry) {
        this.transport = transport;
        this.links = links;
        this.bootId = bootId;
        this.udn = udn;
        this.services = Map.copyOf(services);
        int port = settings.get(MulticastEventConfig.PORT);
        this.group = MulticastGroup.events(port == 0 ? 7900 : port);
        this.level = settings.get(MulticastEventConfig.LEVEL);
        this.maxDatagramSize = settings.get(MulticastEventConfig.MAX_DATAGRAM_SIZE);
        this.sent = Counter.builder("tributary.upnp.multicast.sent").description("multicast events sent, per link")
                .register(registry);
        this.tooLarge = Counter.builder("tributary.upnp.multicast.dropped").tag("reason", "too-large")
                .description("multicast events not sent").register(registry);
    }

    @Override
    public void send(EventedService service, PropertySet properties) {
        ServiceDescription description = services.get(service.path());
        if (description == null) {
            return;
        }
        long seq = nextSeq.compute(service.path(), (path, next) -> next == null ? 0 : GenaHeaders.nextSeq(next));
        byte[] body = writer.write(properties);
        for (SsdpLink link : links.get()) {
            SsdpMessage event = SsdpMessage.builder(MulticastEvents.START_LINE)
                    .header(SsdpHeaders.HOST, group.host(link))
                    .header(MulticastEvents.CONTENT_TYPE, PropertySetWriter.CONTENT_TYPE)
                    .header(SsdpHeaders.USN, udn + "::" + description.serviceType())
                    .header(MulticastEvents.SVCID, description.serviceId())
                    .header(SsdpHeaders.NT, GenaHeaders.UPNP_EVENT)
                    .header(SsdpHeaders.NTS, GenaHeaders.UPNP_PROPCHANGE)
                    .header(MulticastEvents.SEQ, Long.toString(seq))
                    .header(MulticastEvents.LVL, level)
                    .header(SsdpHeaders.BOOTID, Long.toString(bootId.getAsLong()))
                    .header(MulticastEvents.CONTENT_LENGTH, Integer.toString(body.length))
                    .body(body)
                    .build();
            int size = SsdpEncoder.size(event);
            if (size > maxDatagramSize) {
                tooLarge.increment();
                dropped.warn("multicast event of {} SEQ {} not sent: {} bytes do not fit {}", description.serviceId(),
                        seq, size, maxDatagramSize);
                return;
            }
            transport.send(event, group.recipient(link), link).subscribe(null, failure ->
                    LOG.debug("multicast event on {} failed: {}", link, failure.toString()));
            sent.increment();
        }
    }
}
