package io.tributary.upnp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.tributary.core.TopicFilter;
import io.tributary.upnp.bridge.EventSourceUrl;
import io.tributary.core.config.Settings;
import io.tributary.upnp.publisher.PublisherConfig;
import io.tributary.upnp.subscriber.SubscriberOptions;
import io.tributary.upnp.subscriber.SubscriptionOptions;

/**
 * Immutable settings of the {@link UpnpAdapter}; every method returns a changed copy. Defaults: publisher as
 * {@link PublisherConfig#defaults()}; the topics service on {@code /upnp/event/topics} eventing every retained
 * topic ({@code #}); no configured services; subscriber callbacks under {@code /upnp/callback/} advertised with the
 * local address of each connection; subscriptions as {@link SubscriptionOptions#defaults()}; no event sources;
 * router queues of 4,096 messages for the services.
 */
public final class UpnpAdapterOptions {

    /** The default event path of the topics service. */
    public static final String TOPICS_PATH = "/upnp/event/topics";

    private static final UpnpAdapterOptions DEFAULTS = new UpnpAdapterOptions(PublisherConfig.defaults(), true,
            TOPICS_PATH, TopicFilter.of("#"), List.of(), SubscriberOptions.defaults(), SubscriptionOptions.defaults(),
            List.of(), 4096);

    private final Settings publisher;
    private final boolean topicsService;
    private final String topicsPath;
    private final TopicFilter topicsFilter;
    private final List<ConfiguredService> services;
    private final SubscriberOptions subscriber;
    private final SubscriptionOptions subscription;
    private final List<EventSourceUrl> sources;
    private final int queueCapacity;

    private UpnpAdapterOptions(Settings publisher, boolean topicsService, String topicsPath,
                               TopicFilter topicsFilter, List<ConfiguredService> services,
                               SubscriberOptions subscriber, SubscriptionOptions subscription,
                               List<EventSourceUrl> sources, int queueCapacity) {
        this.publisher = publisher;
        this.topicsService = topicsService;
        this.topicsPath = topicsPath;
        this.topicsFilter = topicsFilter;
        this.services = List.copyOf(services);
        this.subscriber = subscriber;
        this.subscription = subscription;
        this.sources = List.copyOf(sources);
        this.queueCapacity = queueCapacity;
    }

    /** @return the defaults */
    public static UpnpAdapterOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param options publisher settings; default {@link PublisherConfig#defaults()}
     * @return a new options reference
     */
    public UpnpAdapterOptions publisher(Settings options) {
        return new UpnpAdapterOptions(Objects.requireNonNull(options, "options"), topicsService, topicsPath,
                topicsFilter, services, subscriber, subscription, sources, queueCapacity);
    }

    /**
     * @param enabled whether to serve the topics service; default {@code true}
     * @param path its event path; default {@code /upnp/event/topics}
     * @param filter which retained topics it events; default {@code #}
     * @return a new options reference
     */
    public UpnpAdapterOptions topicsService(boolean enabled, String path, TopicFilter filter) {
        return new UpnpAdapterOptions(publisher, enabled, Objects.requireNonNull(path, "path"),
                Objects.requireNonNull(filter, "filter"), services, subscriber, subscription, sources, queueCapacity);
    }

    /**
     * Adds a configured service.
     *
     * @param service the service
     * @return a new options reference
     */
    public UpnpAdapterOptions service(ConfiguredService service) {
        List<ConfiguredService> more = new ArrayList<>(services);
        more.add(Objects.requireNonNull(service, "service"));
        return new UpnpAdapterOptions(publisher, topicsService, topicsPath, topicsFilter, more, subscriber,
                subscription, sources, queueCapacity);
    }

    /**
     * @param options subscriber settings (callback address, limits); port and timer are filled in at start when
     *                unset; default {@link SubscriberOptions#defaults()}
     * @return a new options reference
     */
    public UpnpAdapterOptions subscriber(SubscriberOptions options) {
        return new UpnpAdapterOptions(publisher, topicsService, topicsPath, topicsFilter, services,
                Objects.requireNonNull(options, "options"), subscription, sources, queueCapacity);
    }

    /**
     * @param options settings of each source subscription; default {@link SubscriptionOptions#defaults()}
     * @return a new options reference
     */
    public UpnpAdapterOptions subscription(SubscriptionOptions options) {
        return new UpnpAdapterOptions(publisher, topicsService, topicsPath, topicsFilter, services, subscriber,
                Objects.requireNonNull(options, "options"), sources, queueCapacity);
    }

    /**
     * Adds an event source subscribed at start; names must be unique.
     *
     * @param source the source
     * @return a new options reference
     */
    public UpnpAdapterOptions source(EventSourceUrl source) {
        for (EventSourceUrl existing : sources) {
            if (existing.name().equals(source.name())) {
                throw new IllegalArgumentException("a UPnP source named '" + source.name() + "' already exists");
            }
        }
        List<EventSourceUrl> more = new ArrayList<>(sources);
        more.add(source);
        return new UpnpAdapterOptions(publisher, topicsService, topicsPath, topicsFilter, services, subscriber,
                subscription, more, queueCapacity);
    }

    /**
     * @param messages router queue of each service's topic subscription, at least 1; default 4,096
     * @return a new options reference
     */
    public UpnpAdapterOptions queueCapacity(int messages) {
        if (messages < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, was " + messages);
        }
        return new UpnpAdapterOptions(publisher, topicsService, topicsPath, topicsFilter, services, subscriber,
                subscription, sources, messages);
    }

    /** @return the publisher settings */
    public Settings publisher() {
        return publisher;
    }

    /** @return whether the topics service is served */
    public boolean topicsService() {
        return topicsService;
    }

    /** @return the topics service path */
    public String topicsPath() {
        return topicsPath;
    }

    /** @return the topics service filter */
    public TopicFilter topicsFilter() {
        return topicsFilter;
    }

    /** @return the configured services */
    public List<ConfiguredService> services() {
        return services;
    }

    /** @return the subscriber settings */
    public SubscriberOptions subscriber() {
        return subscriber;
    }

    /** @return the source subscription settings */
    public SubscriptionOptions subscription() {
        return subscription;
    }

    /** @return the event sources */
    public List<EventSourceUrl> sources() {
        return sources;
    }

    /** @return the router queue capacity of the services */
    public int queueCapacity() {
        return queueCapacity;
    }
}
