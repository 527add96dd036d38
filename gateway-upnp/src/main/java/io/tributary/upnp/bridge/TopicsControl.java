package io.tributary.upnp.bridge;

import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.upnp.control.ControlService;
import io.tributary.upnp.control.UpnpError;
import io.tributary.upnp.event.XmlNames;
import reactor.core.publisher.Mono;

/**
 * The actions of the topics service: {@code GetValue(Topic) → Value} reads a retained value,
 * {@code SetValue(Topic, Value)} publishes one (retained, as a CoAP PUT to {@code /ps/<topic>} does; an empty value
 * clears the topic), {@code ListTopics(Filter) → Topics} lists the retained topics an MQTT-style filter matches
 * (empty: all), comma-separated with {@code \} escaping commas and backslashes (UDA 2.0 §2.5 CSV). Only topics the
 * service's filter matches are visible. A topic or filter that does not parse is 402; a topic without a retained
 * value is {@value #NO_VALUE} (vendor error, UDA 2.0 §3.2.2). QueryStateVariable answers an evented variable's
 * value.
 */
public final class TopicsControl implements ControlService {

    /** The error code of GetValue on a topic without a retained value. */
    public static final int NO_VALUE = 800;

    private final Router router;
    private final TopicFilter filter;

    /**
     * @param router the gateway's router
     * @param filter the topics service's filter
     */
    public TopicsControl(Router router, TopicFilter filter) {
        this.router = router;
        this.filter = filter;
    }

    @Override
    public Mono<Map<String, String>> invoke(String action, Map<String, String> arguments,
                                            InetSocketAddress requester) {
        return Mono.defer(() -> switch (action) {
            case "GetValue" -> Mono.just(Map.of("Value", value(topic(arguments.get("Topic")))));
            case "SetValue" -> Mono.just(set(topic(arguments.get("Topic")), arguments.get("Value"), requester));
            case "ListTopics" -> list(arguments.get("Filter")).map(topics -> Map.of("Topics", topics));
            default -> Mono.error(UpnpError.invalidAction(action));
        });
    }

    @Override
    public Mono<String> query(String variable) {
        return router.retained(filter)
                .filter(message -> XmlNames.fromTopic(message.topic().toString()).equals(variable))
                .sort(Comparator.comparing((Message message) -> message.timestampMillis()).reversed())
                .next()
                .map(Message::payloadUtf8)
                .switchIfEmpty(Mono.error(UpnpError.invalidVar(variable)));
    }

    private Topic topic(String text) {
        Topic topic;
        try {
            topic = Topic.of(text);
        } catch (IllegalArgumentException e) {
            throw UpnpError.invalidArgs("Topic: " + e.getMessage());
        }
        if (!filter.matches(topic)) {
            throw UpnpError.invalidArgs("Topic " + text + " is outside the service's filter " + filter);
        }
        return topic;
    }

    private String value(Topic topic) {
        Message retained = router.retainedValue(topic);
        if (retained == null) {
            throw new UpnpError(NO_VALUE, "No Value: " + topic + " has no retained value");
        }
        return retained.payloadUtf8();
    }

    private Map<String, String> set(Topic topic, String value, InetSocketAddress requester) {
        router.publish(Message.builder(topic).payload(value).contentType("text/plain;charset=utf-8")
                .attribute(Message.ORIGIN, "upnp")
                .attribute(Message.PEER, requester == null ? "?" : requester.toString())
                .retain(true).build());
        return Map.of();
    }

    private Mono<String> list(String text) {
        TopicFilter wanted;
        try {
            wanted = text == null || text.isEmpty() ? TopicFilter.of("#") : TopicFilter.of(text);
        } catch (IllegalArgumentException e) {
            throw UpnpError.invalidArgs("Filter: " + e.getMessage());
        }
        return router.retained(wanted)
                .map(Message::topic)
                .filter(filter::matches)
                .map(Topic::toString)
                .sort()
                .map(TopicsControl::escape)
                .collect(Collectors.joining(","));
    }

    /** Escapes a CSV element (UDA 2.0 §2.5): {@code \} and {@code ,} get a {@code \} in front. */
    static String escape(String element) {
        return element.replace("\\", "\\\\").replace(",", "\\,");
    }
}
