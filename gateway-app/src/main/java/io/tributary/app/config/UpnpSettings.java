package io.tributary.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.upnp.bridge.EventSourceUrl;
import io.tributary.upnp.event.XmlNames;
import io.tributary.upnp.publisher.CallbackPolicy;
import io.tributary.upnp.publisher.Cidr;
import io.tributary.upnp.publisher.EventedService;
import io.tributary.upnp.subscriber.SubscriberOptions;

/**
 * UPnP eventing (GENA): the publisher serving evented services on the HTTP listener, the subscriber following
 * event sources into the router.
 *
 * @param enabled whether the UPnP adapter runs; default true
 * @param publisher the GENA publisher (device side)
 * @param topicsService the default service eventing retained router topics
 * @param services further services with chosen topics and variable names; default none
 * @param subscriber the GENA subscriber (control-point side)
 * @param sources event subscription URLs subscribed at start; default none
 */
public record UpnpSettings(boolean enabled, Publisher publisher, TopicsService topicsService,
                           List<Service> services, Subscriber subscriber, List<Source> sources) {

    /**
     * Publisher settings.
     *
     * @param timeoutMin shortest TIMEOUT granted; default 1800s
     * @param timeoutDefault TIMEOUT granted when none or infinite is asked; default 1800s
     * @param timeoutMax longest TIMEOUT granted; default 3600s
     * @param maxSubscriptions subscriptions in total (503 beyond); default 10000
     * @param maxSubscriptionsPerRequester subscriptions per requester address (503 beyond); default 64
     * @param queueCapacity NOTIFY messages waiting per subscription before changes coalesce; default 32
     * @param notifyConnectTimeout connect timeout per callback URL; default 5s
     * @param notifyTimeout answer timeout of one NOTIFY; default 10s
     * @param maxDeliveryFailures undelivered messages in a row that end a subscription; default 3
     * @param callbackScope which callback hosts are accepted: subnet or requester; default subnet
     * @param allowedNetworks CIDR networks whose hosts are always accepted as callbacks; default none
     * @param maxCallbackUrls CALLBACK URLs accepted per SUBSCRIBE; default 6
     * @param maxCallbackUrlLength bytes per CALLBACK URL; default 256
     * @param checkHostHeader whether the Host header must name the listener; default true
     * @param allowedHosts further host names or addresses accepted in the Host header; default none
     */
    public record Publisher(Duration timeoutMin, Duration timeoutDefault, Duration timeoutMax, int maxSubscriptions,
                            int maxSubscriptionsPerRequester, int queueCapacity, Duration notifyConnectTimeout,
                            Duration notifyTimeout, int maxDeliveryFailures, CallbackPolicy.Scope callbackScope,
                            List<String> allowedNetworks, int maxCallbackUrls, int maxCallbackUrlLength,
                            boolean checkHostHeader, List<String> allowedHosts) {
    }

    /**
     * The topics service.
     *
     * @param enabled whether it is served; default true
     * @param path its event URL path; default /upnp/event/topics
     * @param filter which retained topics it events; default #
     */
    public record TopicsService(boolean enabled, String path, String filter) {
    }

    /**
     * A configured service.
     *
     * @param path its event URL path, e.g. /upnp/event/kitchen
     * @param variables the topics it events
     */
    public record Service(String path, List<Variable> variables) {
    }

    /**
     * One variable of a configured service.
     *
     * @param topic the router topic
     * @param name the state variable name (an XML name without ':')
     * @param maximumRate at most one event per this period; default none
     * @param minimumDelta smallest numeric change evented; default 0 (none)
     */
    public record Variable(String topic, String name, Duration maximumRate, double minimumDelta) {
    }

    /**
     * Subscriber settings.
     *
     * @param callbackAddress advertised callback base such as http://192.168.1.10:8080 (Docker, multi-homed
     *                        hosts); empty for the local address of each connection and the HTTP port
     * @param timeout TIMEOUT requested from publishers; default 1800s
     * @param maxBodySize largest NOTIFY body accepted (413 beyond); default 256KiB
     * @param holdTimeout how long a NOTIFY that beats the SUBSCRIBE answer is held; default 5s
     * @param requestTimeout answer timeout of SUBSCRIBE and UNSUBSCRIBE; default 10s
     */
    public record Subscriber(String callbackAddress, Duration timeout, ByteSize maxBodySize, Duration holdTimeout,
                             Duration requestTimeout) {
    }

    /**
     * An event source.
     *
     * @param name one topic segment; events go to upnp/NAME/VARIABLE
     * @param url the event subscription URL (http://)
     */
    public record Source(String name, String url) {
    }

    static void validate(UpnpSettings upnp) throws ConfigException {
        Publisher publisher = upnp.publisher();
        ConfigValidator.atLeast("upnp.publisher.timeout-min", publisher.timeoutMin().getSeconds(), 1);
        if (publisher.timeoutDefault().compareTo(publisher.timeoutMin()) < 0
                || publisher.timeoutDefault().compareTo(publisher.timeoutMax()) > 0) {
            throw new ConfigException("upnp.publisher.timeout-default: must lie between timeout-min and timeout-max,"
                    + " was " + publisher.timeoutDefault());
        }
        ConfigValidator.atLeast("upnp.publisher.max-subscriptions", publisher.maxSubscriptions(), 1);
        ConfigValidator.atLeast("upnp.publisher.max-subscriptions-per-requester",
                publisher.maxSubscriptionsPerRequester(), 1);
        ConfigValidator.atLeast("upnp.publisher.queue-capacity", publisher.queueCapacity(), 1);
        ConfigValidator.positive("upnp.publisher.notify-connect-timeout", publisher.notifyConnectTimeout());
        ConfigValidator.positive("upnp.publisher.notify-timeout", publisher.notifyTimeout());
        ConfigValidator.atLeast("upnp.publisher.max-delivery-failures", publisher.maxDeliveryFailures(), 1);
        ConfigValidator.atLeast("upnp.publisher.max-callback-urls", publisher.maxCallbackUrls(), 1);
        ConfigValidator.atLeast("upnp.publisher.max-callback-url-length", publisher.maxCallbackUrlLength(), 16);
        ConfigValidator.atLeast("upnp.subscriber.timeout (seconds)", upnp.subscriber().timeout().getSeconds(), 1);
        ConfigValidator.positive("upnp.subscriber.hold-timeout", upnp.subscriber().holdTimeout());
        ConfigValidator.positive("upnp.subscriber.request-timeout", upnp.subscriber().requestTimeout());
        long body = upnp.subscriber().maxBodySize().bytes();
        if (body < 256 || body > Integer.MAX_VALUE) {
            throw new ConfigException("upnp.subscriber.max-body-size: must be between 256 bytes and 2 GiB, was "
                    + body);
        }
        check("upnp.topics-service.path", () -> EventedService.checkPath(upnp.topicsService().path()));
        check("upnp.topics-service.filter", () -> TopicFilter.of(upnp.topicsService().filter()));
        for (int i = 0; i < upnp.publisher().allowedNetworks().size(); i++) {
            String network = upnp.publisher().allowedNetworks().get(i);
            check("upnp.publisher.allowed-networks[" + i + "]", () -> Cidr.parse(network));
        }
        if (upnp.subscriber().callbackAddress() != null && !upnp.subscriber().callbackAddress().isBlank()) {
            check("upnp.subscriber.callback-address", () -> SubscriberOptions.defaults()
                    .callbackAddress(URI.create(upnp.subscriber().callbackAddress())));
        }
        Set<String> paths = new HashSet<>();
        if (upnp.topicsService().enabled()) {
            paths.add(upnp.topicsService().path());
        }
        for (int i = 0; i < upnp.services().size(); i++) {
            Service service = upnp.services().get(i);
            String key = "upnp.services[" + i + "]";
            check(key + ".path", () -> EventedService.checkPath(service.path()));
            if (service.path().startsWith("/upnp/callback/") || !paths.add(service.path())) {
                throw new ConfigException(key + ".path: " + service.path()
                        + " is already used (by another service or the callbacks)");
            }
            if (service.variables() == null || service.variables().isEmpty()) {
                throw new ConfigException(key + ".variables: at least one variable is needed");
            }
            for (int j = 0; j < service.variables().size(); j++) {
                Variable variable = service.variables().get(j);
                String variableKey = key + ".variables[" + j + "]";
                check(variableKey + ".topic", () -> Topic.of(variable.topic()));
                if (!XmlNames.isNcName(variable.name())) {
                    throw new ConfigException(variableKey + ".name: '" + variable.name()
                            + "' is not an XML name (letters, digits, '.', '-', '_'; not starting with a digit)");
                }
                if (variable.maximumRate() != null && variable.maximumRate().isNegative()) {
                    throw new ConfigException(variableKey + ".maximum-rate: must not be negative");
                }
                if (variable.minimumDelta() < 0) {
                    throw new ConfigException(variableKey + ".minimum-delta: must not be negative");
                }
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < upnp.sources().size(); i++) {
            Source source = upnp.sources().get(i);
            String key = "upnp.sources[" + i + "]";
            check(key, () -> new EventSourceUrl(source.name(), URI.create(source.url())));
            if (!names.add(source.name())) {
                throw new ConfigException(key + ".name: '" + source.name() + "' is used twice");
            }
        }
    }

    private static void check(String key, Runnable check) throws ConfigException {
        try {
            check.run();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }
}
