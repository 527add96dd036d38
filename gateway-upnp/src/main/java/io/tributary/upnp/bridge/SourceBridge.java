package io.tributary.upnp.bridge;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.core.log.RateLimitedLog;
import io.tributary.upnp.event.Property;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.subscriber.GenaEvent;
import io.tributary.upnp.subscriber.RunningSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Follows UPnP event sources into the router: each evented variable becomes a retained message on
 * {@code <prefix>/<variable>} (payload the value as UTF-8 text, content type {@code text/plain;charset=utf-8},
 * attributes {@code origin=upnp}, {@code peer}, {@code sid}, {@code seq}). Configured sources use the prefix
 * {@code upnp/<name>}, discovered devices {@code upnp/<udn>/<serviceId>}. An empty value clears the retained
 * topic, as the router defines. Gap signals are logged; the subscriber re-subscribes on its own.
 */
public final class SourceBridge {

    private static final Logger LOG = LoggerFactory.getLogger(SourceBridge.class);
    private static final RateLimitedLog UNPUBLISHABLE = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    private final Router router;
    private final RunningSubscriber subscriber;
    private final List<Disposable> running = new ArrayList<>();

    /**
     * @param router where to publish
     * @param subscriber the subscriber whose callback routes are served
     */
    public SourceBridge(Router router, RunningSubscriber subscriber) {
        this.router = router;
        this.subscriber = subscriber;
    }

    /**
     * Starts the subscription of one configured source; it runs until {@link #stop()}.
     *
     * @param source the source
     */
    public synchronized void start(EventSourceUrl source) {
        running.add(follow(Topic.of("upnp", source.name()), source.url(), event -> { }));
        LOG.info("UPnP source '{}': subscribing to {}", source.name(), source.url());
    }

    /**
     * Subscribes to an event subscription URL and publishes its variables under a prefix until disposed (which
     * unsubscribes).
     *
     * @param prefix the topic prefix, e.g. {@code upnp/uuid:…/RenderingControl}
     * @param url the event subscription URL
     * @param observer told every event and gap signal after it is published, e.g. to track the subscription's state
     * @return disposes the subscription
     */
    public Disposable follow(Topic prefix, URI url, Consumer<GenaEvent> observer) {
        String peer = url.getHost() + ":" + (url.getPort() < 0 ? 80 : url.getPort());
        return subscriber.subscribe(url).subscribe(event -> {
            if (event.isGap()) {
                LOG.info("UPnP events of {} ({}): continuity lost ({}), subscribing again", prefix, url,
                        event.gapReason());
            } else {
                publish(prefix, event.properties(), peer, event.sid(), event.seq());
            }
            observer.accept(event);
        }, failure -> LOG.error("UPnP events of {} ({}) failed: {}", prefix, url, failure.toString()));
    }

    /**
     * Publishes each variable as a retained message on {@code <prefix>/<variable>}.
     *
     * @param prefix the topic prefix
     * @param properties the variables
     * @param peer the publisher's address, for the {@code peer} attribute
     * @param sid the subscription identifier, or {@code null} (multicast events have none)
     * @param seq the event key
     */
    public void publish(Topic prefix, PropertySet properties, String peer, String sid, long seq) {
        for (Property property : properties.properties()) {
            Topic topic;
            try {
                topic = prefix.resolve(property.name());
            } catch (IllegalArgumentException e) {
                // A name too long for a topic must not end the subscription that carried it.
                UNPUBLISHABLE.warn("UPnP variable {} of {} not published: {}", property.name(), prefix,
                        e.getMessage());
                continue;
            }
            Message.Builder message = Message.builder(topic)
                    .payload(property.value())
                    .contentType("text/plain;charset=utf-8")
                    .attribute(Message.ORIGIN, "upnp")
                    .attribute(Message.PEER, peer)
                    .attribute("seq", Long.toString(seq))
                    .retain(true);
            if (sid != null) {
                message.attribute("sid", sid);
            }
            router.publish(message.build());
        }
    }

    /** Cancels every configured source's subscription (each sends its UNSUBSCRIBE). */
    public synchronized void stop() {
        running.forEach(Disposable::dispose);
        running.clear();
    }
}
