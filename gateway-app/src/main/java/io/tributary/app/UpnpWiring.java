package io.tributary.app;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tributary.app.config.UpnpSettings;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.upnp.ConfiguredService;
import io.tributary.upnp.UpnpAdapter;
import io.tributary.upnp.UpnpAdapterOptions;
import io.tributary.upnp.bridge.EventSourceUrl;
import io.tributary.upnp.bridge.TopicVariable;
import io.tributary.upnp.publisher.CallbackPolicy;
import io.tributary.upnp.publisher.Cidr;
import io.tributary.upnp.publisher.HostPolicy;
import io.tributary.upnp.publisher.Moderation;
import io.tributary.upnp.publisher.PublisherOptions;
import io.tributary.upnp.subscriber.SubscriberOptions;
import io.tributary.upnp.subscriber.SubscriptionOptions;

/**
 * Maps the {@code upnp} configuration section (already range-checked by the configuration loader) to the UPnP
 * adapter's typed options.
 */
final class UpnpWiring {

    private UpnpWiring() {
    }

    /**
     * @param settings the validated {@code upnp} section
     * @return the adapter, or empty when {@code upnp.enabled} is false
     */
    static Optional<UpnpAdapter> adapter(UpnpSettings settings) {
        return settings.enabled() ? Optional.of(UpnpAdapter.create(options(settings))) : Optional.empty();
    }

    static UpnpAdapterOptions options(UpnpSettings settings) {
        UpnpSettings.Publisher publisher = settings.publisher();
        UpnpAdapterOptions options = UpnpAdapterOptions.defaults()
                .publisher(PublisherOptions.defaults()
                        .timeouts(publisher.timeoutMin(), publisher.timeoutDefault(), publisher.timeoutMax())
                        .maxSubscriptions(publisher.maxSubscriptions())
                        .maxSubscriptionsPerRequester(publisher.maxSubscriptionsPerRequester())
                        .queueCapacity(publisher.queueCapacity())
                        .notifyTimeouts(publisher.notifyConnectTimeout(), publisher.notifyTimeout())
                        .maxDeliveryFailures(publisher.maxDeliveryFailures())
                        .callbackPolicy(CallbackPolicy.defaults().scope(publisher.callbackScope())
                                .allowedNetworks(publisher.allowedNetworks().stream().map(Cidr::parse).toList())
                                .maxUrls(publisher.maxCallbackUrls())
                                .maxUrlLength(publisher.maxCallbackUrlLength()))
                        .hostPolicy(HostPolicy.defaults().enabled(publisher.checkHostHeader())
                                .allowedHosts(publisher.allowedHosts())))
                .topicsService(settings.topicsService().enabled(), settings.topicsService().path(),
                        TopicFilter.of(settings.topicsService().filter()))
                .subscriber(subscriber(settings.subscriber()))
                .subscription(SubscriptionOptions.defaults().timeout(settings.subscriber().timeout()));
        for (UpnpSettings.Service service : settings.services()) {
            options = options.service(new ConfiguredService(service.path(), variables(service.variables())));
        }
        for (UpnpSettings.Source source : settings.sources()) {
            options = options.source(new EventSourceUrl(source.name(), URI.create(source.url())));
        }
        return options;
    }

    private static SubscriberOptions subscriber(UpnpSettings.Subscriber subscriber) {
        SubscriberOptions options = SubscriberOptions.defaults()
                .maxBodySize(subscriber.maxBodySize().intBytes())
                .holdTimeout(subscriber.holdTimeout())
                .requestTimeouts(Duration.ofSeconds(5), subscriber.requestTimeout());
        String address = subscriber.callbackAddress();
        return address == null || address.isBlank() ? options : options.callbackAddress(URI.create(address));
    }

    private static List<TopicVariable> variables(List<UpnpSettings.Variable> variables) {
        List<TopicVariable> mapped = new ArrayList<>();
        for (UpnpSettings.Variable variable : variables) {
            Moderation moderation = Moderation.none()
                    .maximumRate(variable.maximumRate() == null ? Duration.ZERO : variable.maximumRate())
                    .minimumDelta(variable.minimumDelta());
            mapped.add(new TopicVariable(Topic.of(variable.topic()), variable.name(), moderation));
        }
        return mapped;
    }
}
