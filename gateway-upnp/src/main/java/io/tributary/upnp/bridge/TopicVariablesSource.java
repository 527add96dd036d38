package io.tributary.upnp.bridge;

import java.util.ArrayList;
import java.util.List;

import io.tributary.core.Message;
import io.tributary.core.Overflow;
import io.tributary.core.Router;
import io.tributary.core.SubscribeOptions;
import io.tributary.core.TopicFilter;
import io.tributary.upnp.event.Property;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.publisher.EventSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A configured evented service: chosen topics, each as a named state variable. Every message on a topic is
 * evented (retained or not); the initial event holds each variable's retained value, or an empty value when the
 * topic has none.
 */
public final class TopicVariablesSource implements EventSource {

    private final Router router;
    private final List<TopicVariable> variables;
    private final int queueCapacity;

    /**
     * @param router the gateway's router
     * @param variables the variables, in the order of the initial event
     * @param queueCapacity the router queue of each topic's live subscription, in messages
     */
    public TopicVariablesSource(Router router, List<TopicVariable> variables, int queueCapacity) {
        this.router = router;
        this.variables = List.copyOf(variables);
        this.queueCapacity = queueCapacity;
    }

    @Override
    public Mono<PropertySet> snapshot() {
        return Mono.fromSupplier(() -> {
            List<Property> properties = new ArrayList<>(variables.size());
            for (TopicVariable variable : variables) {
                Message retained = router.retainedValue(variable.topic());
                properties.add(new Property(variable.name(), retained == null ? "" : retained.payloadUtf8()));
            }
            return PropertySet.of(properties);
        });
    }

    @Override
    public Flux<PropertySet> changes() {
        List<Flux<PropertySet>> streams = new ArrayList<>(variables.size());
        for (TopicVariable variable : variables) {
            streams.add(router.subscribe(TopicFilter.exactly(variable.topic()),
                            SubscribeOptions.defaults().capacity(queueCapacity).overflow(Overflow.DROP_OLDEST))
                    .map(message -> PropertySet.of(variable.name(), message.payloadUtf8())));
        }
        return Flux.merge(streams);
    }
}
