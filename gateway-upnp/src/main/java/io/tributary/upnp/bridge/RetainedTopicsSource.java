package io.tributary.upnp.bridge;

import java.util.Comparator;
import java.util.List;

import io.tributary.core.Message;
import io.tributary.core.Overflow;
import io.tributary.core.Router;
import io.tributary.core.SubscribeOptions;
import io.tributary.core.TopicFilter;
import io.tributary.upnp.event.Property;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.event.XmlNames;
import io.tributary.upnp.publisher.EventSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's default evented service: every retained router topic matching a filter (default {@code #}) is one
 * state variable, named by {@link XmlNames#fromTopic(String)}, whose value is the payload as UTF-8 text. The
 * initial event comes from the router's retained values; changes are retained messages, a cleared topic being
 * evented once with an empty value. The router stores a retained value before delivering it, so no change can
 * fall between a snapshot and the live stream.
 */
public final class RetainedTopicsSource implements EventSource {

    private final Router router;
    private final TopicFilter filter;
    private final int queueCapacity;

    /**
     * @param router the gateway's router
     * @param filter which retained topics to event, e.g. {@code #}
     * @param queueCapacity the router queue of the live subscription, in messages (drop-oldest, counted)
     */
    public RetainedTopicsSource(Router router, TopicFilter filter, int queueCapacity) {
        this.router = router;
        this.filter = filter;
        this.queueCapacity = queueCapacity;
    }

    @Override
    public Mono<PropertySet> snapshot() {
        return router.retained(filter)
                .sort(Comparator.comparing(message -> message.topic().toString()))
                .map(RetainedTopicsSource::property)
                .collectList()
                .map(PropertySet::of);
    }

    @Override
    public Flux<PropertySet> changes() {
        return router.subscribe(filter, SubscribeOptions.defaults().capacity(queueCapacity)
                        .overflow(Overflow.DROP_OLDEST).retainedFirst(true))
                .filter(Message::retain)
                .map(message -> PropertySet.of(List.of(property(message))));
    }

    static Property property(Message message) {
        return new Property(XmlNames.fromTopic(message.topic().toString()), message.payloadUtf8());
    }
}
