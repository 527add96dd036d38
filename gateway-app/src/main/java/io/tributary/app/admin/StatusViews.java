package io.tributary.app.admin;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.app.GatewayApplication;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapStats;
import io.tributary.coap.adapter.CoapAdapter;
import io.tributary.coap.stack.CoapObserver;
import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.TopicFilter;
import io.tributary.pnp.PnpAdapter;
import io.tributary.pnp.provision.DeviceProgress;
import io.tributary.pnp.store.DeviceRecord;
import io.tributary.upnp.discovery.DiscoveredDevice;
import io.tributary.upnp.discovery.DiscoveredService;
import io.tributary.upnp.publisher.PublisherSubscription;
import io.tributary.upnp.subscriber.SourceSubscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the admin API and the console show, read only through the public APIs an embedder also uses: the router's
 * retained values, the PnP adapter's devices, the UPnP publisher's and subscriber's subscriptions and discovered
 * devices, the CoAP endpoint's counters and observers, and the meter registry.
 */
public final class StatusViews {

    /** Longest text preview of a payload, in characters. */
    static final int PREVIEW = 120;

    private final GatewayApplication.Running running;

    /** @param running the started application */
    public StatusViews(GatewayApplication.Running running) {
        this.running = running;
    }

    /** @return the router */
    public Router router() {
        return running.gateway().router();
    }

    /** @return the PnP adapter, or {@code null} when disabled */
    public PnpAdapter pnp() {
        return running.pnp();
    }

    /**
     * @param filter which topics
     * @return each matching retained value, ordered by topic
     */
    public Mono<List<TopicView>> topics(TopicFilter filter) {
        return router().retained(filter).map(TopicView::of).collectSortedList(Comparator.comparing(TopicView::topic));
    }

    /** @return every PnP device's progress by serial; empty when PnP is disabled */
    public Flux<DeviceView> devices() {
        return pnp() == null ? Flux.empty() : pnp().devices().map(DeviceView::of);
    }

    /**
     * @param serial a device's serial
     * @return the device's view and latest results; empty when unknown or PnP is disabled
     */
    public Mono<PnpAdapter.DeviceReport> device(String serial) {
        return pnp() == null ? Mono.empty() : pnp().device(serial);
    }

    /** @return the rules a device may be claimed for; empty when PnP is disabled */
    public List<String> rules() {
        return pnp() == null ? List.of() : pnp().rules();
    }

    /** @return both sides of UPnP eventing, empty lists when UPnP is disabled or not started */
    public UpnpView upnp() {
        if (running.upnp() == null || running.upnp().publisher() == null) {
            return new UpnpView(List.of(), List.of());
        }
        return new UpnpView(running.upnp().publisher().subscriptions(), running.upnp().subscriber().subscriptions());
    }

    /** @return the root devices UPnP discovery found, by UDN; empty when UPnP or discovery is off */
    public List<UpnpDeviceView> upnpDevices() {
        return running.upnp() == null ? List.of() : running.upnp().devices().stream().map(UpnpDeviceView::of)
                .sorted(Comparator.comparing(UpnpDeviceView::udn)).toList();
    }

    /** @return the CoAP endpoint's state with its observers, taken on its event loops; empty when CoAP is disabled */
    public Mono<CoapView> coap() {
        CoapAdapter adapter = running.coap();
        CoapEndpoint endpoint = adapter == null ? null : adapter.endpoint();
        if (endpoint == null) {
            return Mono.empty();
        }
        CoapStats stats = endpoint.stats();
        return adapter.observers().map(observers -> new CoapView(endpoint.port(), endpoint.transport(),
                endpoint.peerCount(), endpoint.dedupSize(), endpoint.clientInFlight(), stats.requests(),
                stats.responses(2), stats.responses(4), stats.responses(5), stats.retransmissions(), stats.timeouts(),
                stats.duplicates(), stats.formatErrors(), stats.rejected(),
                observers.stream().map(ObserverView::of).toList()));
    }

    /**
     * The totals the console's rate charts difference: messages per protocol, drops and errors.
     *
     * @return series name to running total, in a fixed order
     */
    public Map<String, Double> meters() {
        MeterRegistry registry = running.meterRegistry();
        Map<String, Double> totals = new LinkedHashMap<>();
        totals.put("router.published", (double) router().stats().published());
        totals.put("router.dropped", (double) router().stats().dropped());
        totals.put("coap.requests", total(registry, "tributary.coap.requests"));
        totals.put("pnp.requests", total(registry, "tributary.pnp.requests"));
        totals.put("upnp.notify", total(registry, "tributary.upnp.notify"));
        totals.put("upnp.events", total(registry, "tributary.upnp.subscriber.events"));
        totals.put("errors", total(registry, "tributary.coap.format.errors") + total(registry,
                "tributary.coap.rejected") + total(registry, "tributary.pnp.rejected")
                + total(registry, "tributary.upnp.rejected") + total(registry, "tributary.upnp.callback.rejected"));
        totals.put("admin.denied", total(registry, "tributary.admin.denied"));
        return totals;
    }

    private static double total(MeterRegistry registry, String name) {
        double sum = 0;
        for (Meter meter : registry.find(name).meters()) {
            if (meter instanceof Counter counter) {
                sum += counter.count();
            } else if (meter instanceof FunctionCounter counter) {
                sum += counter.count();
            }
        }
        return sum;
    }

    /**
     * A retained value as listed.
     *
     * @param topic the topic
     * @param contentType its content type, or {@code null}
     * @param size payload length in bytes
     * @param lastChange when it was published, epoch milliseconds
     * @param origin the adapter it came from, or {@code null}
     * @param preview the payload as text, cut at {@value #PREVIEW} characters, or {@code null} when not text
     */
    public record TopicView(String topic, String contentType, int size, long lastChange, String origin,
                            String preview) {

        /**
         * @param message a message
         * @return its view
         */
        public static TopicView of(Message message) {
            String text = text(message);
            return new TopicView(message.topic().toString(), message.contentType(), message.payloadLength(),
                    message.timestampMillis(), message.attribute(Message.ORIGIN),
                    text == null || text.length() <= PREVIEW ? text : text.substring(0, PREVIEW) + "…");
        }
    }

    /**
     * A message of the live stream.
     *
     * @param topic the topic
     * @param contentType its content type, or {@code null}
     * @param size payload length in bytes
     * @param timestamp when it was published, epoch milliseconds
     * @param origin the adapter it came from, or {@code null}
     * @param retain whether it is the topic's new retained value
     * @param payload the payload, as text or base64
     * @param encoding {@code utf-8} or {@code base64}
     */
    public record StreamedMessage(String topic, String contentType, int size, long timestamp, String origin,
                                  boolean retain, String payload, String encoding) {

        static StreamedMessage of(Message message) {
            String text = text(message);
            return new StreamedMessage(message.topic().toString(), message.contentType(), message.payloadLength(),
                    message.timestampMillis(), message.attribute(Message.ORIGIN), message.retain(),
                    text != null ? text : Base64.getEncoder().encodeToString(message.payloadBytes()),
                    text != null ? "utf-8" : "base64");
        }
    }

    /** @return the payload as text when it is valid UTF-8 without control characters other than white space */
    static String text(Message message) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(message.payload()).toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                    return null;
                }
            }
            return text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * A PnP device as listed.
     *
     * @param serial serial number
     * @param pid product id
     * @param hostname last reported hostname, or {@code null}
     * @param rule the rule it follows, or {@code null}
     * @param state where it is, e.g. {@code PROVISIONING}
     * @param step steps done of its rule
     * @param steps steps of its rule
     * @param lastError the last failure, or {@code null}
     * @param lastContact last contact, epoch milliseconds
     * @param unclaimed whether it only gave its device-info under the unknown-devices rule and nobody claimed it
     * @param claimedBy who claimed it, or {@code null}
     */
    public record DeviceView(String serial, String pid, String hostname, String rule, String state, int step,
                             int steps, String lastError, long lastContact, boolean unclaimed, String claimedBy) {

        /**
         * @param progress a device's progress
         * @return its view
         */
        public static DeviceView of(DeviceProgress progress) {
            DeviceRecord device = progress.device();
            return new DeviceView(device.serial(), device.pid(), device.hostname(), device.rule(),
                    device.state().name(), Math.min(device.step(), progress.steps()), progress.steps(),
                    device.lastError(), device.lastContactMillis(), progress.unclaimed(),
                    progress.claim() == null ? null : progress.claim().claimedBy());
        }
    }

    /**
     * UPnP eventing seen from the gateway.
     *
     * @param publisher subscriptions control points hold at the gateway's publisher
     * @param subscriber the gateway's own subscriptions to configured sources
     */
    public record UpnpView(List<PublisherSubscription> publisher, List<SourceSubscription> subscriber) {
    }

    /**
     * A root device UPnP discovery found.
     *
     * @param udn its UDN
     * @param deviceType its device type, or {@code null} until described
     * @param friendlyName its friendly name, or {@code null} until described
     * @param location its LOCATION (description URL)
     * @param server its SERVER header, or {@code null}
     * @param expiresInSeconds seconds until it is dropped unless it announces itself again
     * @param followed whether the gateway follows one of its services
     * @param services its services (and its embedded devices') with the state of the gateway's subscription
     * @param problem why it has no description, or {@code null}
     */
    public record UpnpDeviceView(String udn, String deviceType, String friendlyName, String location, String server,
                                 long expiresInSeconds, boolean followed, List<DiscoveredService> services,
                                 String problem) {

        static UpnpDeviceView of(DiscoveredDevice device) {
            return new UpnpDeviceView(device.udn(), device.deviceType(), device.friendlyName(), device.location(),
                    device.server(), device.expiresIn().toSeconds(), device.followed(), device.services(),
                    device.problem());
        }
    }

    /**
     * The CoAP endpoint.
     *
     * @param port bound UDP port
     * @param transport {@code epoll} or {@code nio}
     * @param peers peers tracked
     * @param dedupSize deduplication entries held
     * @param clientInFlight client requests in flight
     * @param requests requests received
     * @param success 2.xx responses sent
     * @param clientErrors 4.xx responses sent
     * @param serverErrors 5.xx responses sent
     * @param retransmissions CON retransmissions sent
     * @param timeouts exchanges given up
     * @param duplicates duplicates recognised
     * @param formatErrors malformed datagrams
     * @param rejected messages refused for lack of resources
     * @param observers the observe relations held (RFC 7641)
     */
    public record CoapView(int port, String transport, int peers, int dedupSize, int clientInFlight, long requests,
                           long success, long clientErrors, long serverErrors, long retransmissions, long timeouts,
                           long duplicates, long formatErrors, long rejected, List<ObserverView> observers) {
    }

    /**
     * An observer of a CoAP resource (RFC 7641).
     *
     * @param peer the client's address, {@code host:port} ({@code [v6]:port})
     * @param resource the observed path and query, or {@code null}
     * @param token the registration's token, hex
     * @param observe the last Observe value sent
     * @param type {@code CON} or {@code NON}: how it registered, which notifications follow by default
     * @param ageSeconds seconds since it registered
     */
    public record ObserverView(String peer, String resource, String token, int observe, String type,
                               long ageSeconds) {

        static ObserverView of(CoapObserver observer) {
            InetSocketAddress peer = observer.peer();
            String host = peer.getAddress().getHostAddress();
            return new ObserverView((peer.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":"
                    + peer.getPort(), observer.resource(), observer.token(), observer.observe(),
                    observer.confirmable() ? "CON" : "NON", observer.age().toSeconds());
        }
    }
}
