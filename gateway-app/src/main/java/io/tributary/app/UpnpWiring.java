package io.tributary.app;

import java.util.Optional;

import io.tributary.core.config.Settings;
import io.tributary.upnp.ConfiguredService;
import io.tributary.upnp.UpnpAdapter;
import io.tributary.upnp.UpnpAdapterOptions;
import io.tributary.upnp.UpnpConfig;
import io.tributary.upnp.subscriber.SubscriberConfig;
import io.tributary.upnp.subscriber.SubscriberOptions;
import io.tributary.upnp.subscriber.SubscriptionOptions;

/** Maps the {@code upnp} section (checked by the configuration loader) to the UPnP adapter's options. */
final class UpnpWiring {

    private UpnpWiring() {
    }

    /**
     * @param settings the checked {@code upnp} section
     * @return the adapter, or empty when {@code upnp.enabled} is false
     */
    static Optional<UpnpAdapter> adapter(Settings settings) {
        return settings.get(UpnpConfig.ENABLED) ? Optional.of(UpnpAdapter.create(options(settings)))
                : Optional.empty();
    }

    static UpnpAdapterOptions options(Settings settings) {
        Settings topics = settings.get(UpnpConfig.TOPICS_SERVICE);
        Settings subscriber = settings.get(UpnpConfig.SUBSCRIBER);
        UpnpAdapterOptions options = UpnpAdapterOptions.defaults()
                .publisher(settings.get(UpnpConfig.PUBLISHER))
                .topicsService(topics.get(UpnpConfig.TOPICS_ENABLED), topics.get(UpnpConfig.TOPICS_PATH_SETTING),
                        topics.get(UpnpConfig.TOPICS_FILTER))
                .subscriber(subscriber(subscriber))
                .subscription(SubscriptionOptions.defaults().timeout(subscriber.get(SubscriberConfig.TIMEOUT)));
        for (Settings service : settings.get(UpnpConfig.SERVICES)) {
            options = options.service(new ConfiguredService(service.get(UpnpConfig.SERVICE_PATH),
                    service.get(UpnpConfig.SERVICE_VARIABLES).stream().map(UpnpConfig::variable).toList()));
        }
        for (Settings source : settings.get(UpnpConfig.SOURCES)) {
            options = options.source(UpnpConfig.source(source));
        }
        return options;
    }

    private static SubscriberOptions subscriber(Settings subscriber) {
        SubscriberOptions options = SubscriberOptions.defaults()
                .maxBodySize(subscriber.get(SubscriberConfig.MAX_BODY_SIZE))
                .holdTimeout(subscriber.get(SubscriberConfig.HOLD_TIMEOUT))
                .requestTimeouts(subscriber.get(SubscriberConfig.CONNECT_TIMEOUT),
                        subscriber.get(SubscriberConfig.REQUEST_TIMEOUT));
        return subscriber.find(SubscriberConfig.CALLBACK_ADDRESS).map(options::callbackAddress).orElse(options);
    }
}
