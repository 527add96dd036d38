package io.tributary.upnp.bridge;

import java.util.ArrayList;
import java.util.List;

import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.upnp.event.Property;
import io.tributary.upnp.subscriber.GenaEvent;
import io.tributary.upnp.subscriber.RunningSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Subscribes to configured UPnP event sources and publishes each evented variable as a retained message on
 * {@code upnp/<source>/<variable>} (payload the value as UTF-8 text, content type {@code text/plain;charset=utf-8},
 * attributes {@code origin=upnp}, {@code peer}, {@code sid}, {@code seq}). An empty value clears the retained
 * topic, as the router defines. Gap signals are logged; the subscriber re-subscribes on its own.
 */
public final class SourceBridge {

    private static final Logger LOG = LoggerFactory.getLogger(SourceBridge.class);

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
     * Starts the subscription of one source; it runs until {@link #stop()}.
     *
     * @param source the source
     */
    public synchronized void start(EventSourceUrl source) {
        String peer = source.url().getHost() + ":" + (source.url().getPort() < 0 ? 80 : source.url().getPort());
        running.add(subscriber.subscribe(source.url()).subscribe(event -> {
            if (event.isGap()) {
                LOG.info("UPnP source '{}' ({}): continuity lost ({}), subscribing again", source.name(),
                        source.url(), event.gapReason());
                return;
            }
            publish(source, peer, event);
        }, failure -> LOG.error("UPnP source '{}' ({}) failed: {}", source.name(), source.url(), failure.toString())));
        LOG.info("UPnP source '{}': subscribing to {}", source.name(), source.url());
    }

    private void publish(EventSourceUrl source, String peer, GenaEvent event) {
        for (Property property : event.properties().properties()) {
            router.publish(Message.builder(Topic.of("upnp", source.name(), property.name()))
                    .payload(property.value())
                    .contentType("text/plain;charset=utf-8")
                    .attribute(Message.ORIGIN, "upnp")
                    .attribute(Message.PEER, peer)
                    .attribute("sid", event.sid())
                    .attribute("seq", Long.toString(event.seq()))
                    .retain(true)
                    .build());
        }
    }

    /** Cancels every source subscription (each sends its UNSUBSCRIBE). */
    public synchronized void stop() {
        running.forEach(Disposable::dispose);
        running.clear();
    }
}
