package io.tributary.coap.adapter;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.coap.CoapRequest;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapRoutes;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.CoapCode;
import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import reactor.core.publisher.Mono;

/**
 * The {@code /ps/<topic...>} resource tree, a window on the router: POST or PUT publishes the payload as the
 * topic's retained value (Content-Format kept as the message's content type) and answers 2.01 Created for a new
 * topic or 2.04 Changed; GET answers the retained value with 2.05 or 4.04; DELETE clears it with 2.02. GET on
 * {@code /ps} lists the topics holding a value in link format (RFC 6690). Each message carries the attributes
 * origin {@code coap} and the peer's address.
 */
final class PubSubResource {

    /** Peers whose attributes are kept; past this the cache starts over, so a scan of many sources stays bounded. */
    static final int ATTRIBUTE_CACHE_SIZE = 4096;

    private final Router router;
    private final String prefix;
    /** One immutable attribute map per peer: a sensor publishing again reuses it instead of formatting its address. */
    private final Map<InetSocketAddress, Map<String, String>> attributes = new ConcurrentHashMap<>();

    PubSubResource(Router router, String prefix) {
        this.router = router;
        this.prefix = prefix;
    }

    void declare(CoapRoutes routes) {
        routes.get("/" + prefix, request -> router.retained(TopicFilter.of("#")).collectList().map(this::list))
                .get("/" + prefix + "/**", request -> Mono.just(read(request)))
                .post("/" + prefix + "/**", request -> Mono.just(write(request)))
                .put("/" + prefix + "/**", request -> Mono.just(write(request)))
                .delete("/" + prefix + "/**", request -> Mono.just(clear(request)));
    }

    private CoapResponse read(CoapRequest request) {
        Topic topic = topic(request);
        if (topic == null) {
            return invalidTopic(request);
        }
        Message value = router.retainedValue(topic);
        if (value == null) {
            return CoapResponse.error(CoapCode.NOT_FOUND, "no value for " + topic);
        }
        ContentFormat format = ContentFormat.ofMediaType(value.contentType());
        ContentFormat accept = request.accept();
        if (accept != null && format != null && !accept.equals(format)) {
            return CoapResponse.error(CoapCode.NOT_ACCEPTABLE, "the value of " + topic + " is " + format);
        }
        return CoapResponse.content(value.payloadBytes(), format);
    }

    private CoapResponse write(CoapRequest request) {
        Topic topic = topic(request);
        if (topic == null) {
            return invalidTopic(request);
        }
        if (request.payload().length == 0) {
            return CoapResponse.error(CoapCode.BAD_REQUEST, "empty payload; DELETE clears a topic");
        }
        boolean created = router.retainedValue(topic) == null;
        ContentFormat format = request.contentFormat();
        router.publish(Message.builder(topic).payload(request.payload())
                .contentType(format != null ? format.mediaType() : null)
                .attributes(attributes(request.peer())).retain(true).build());
        if (created) {
            List<String> location = new ArrayList<>();
            location.add(prefix);
            location.addAll(topic.segments());
            return CoapResponse.of(CoapCode.CREATED).locationPath(location.toArray(new String[0]));
        }
        return CoapResponse.of(CoapCode.CHANGED);
    }

    private CoapResponse clear(CoapRequest request) {
        Topic topic = topic(request);
        if (topic == null) {
            return invalidTopic(request);
        }
        router.publish(Message.builder(topic).retain(true).attributes(attributes(request.peer())).build());
        return CoapResponse.of(CoapCode.DELETED);
    }

    private CoapResponse list(List<Message> values) {
        StringBuilder links = new StringBuilder();
        values.stream().sorted(Comparator.comparing(message -> message.topic().toString())).forEach(message -> {
            if (links.length() > 0) {
                links.append(',');
            }
            links.append("</").append(prefix).append('/').append(message.topic()).append('>');
            ContentFormat format = ContentFormat.ofMediaType(message.contentType());
            if (format != null) {
                links.append(";ct=").append(format.number());
            }
        });
        return CoapResponse.content(links.toString().getBytes(StandardCharsets.UTF_8), ContentFormat.LINK_FORMAT);
    }

    private Map<String, String> attributes(InetSocketAddress peer) {
        Map<String, String> known = attributes.get(peer);
        if (known != null) {
            return known;
        }
        if (attributes.size() >= ATTRIBUTE_CACHE_SIZE) {
            attributes.clear();
        }
        return attributes.computeIfAbsent(peer, PubSubResource::attributesOf);
    }

    private static Map<String, String> attributesOf(InetSocketAddress peer) {
        return Map.of(Message.ORIGIN, "coap", Message.PEER, peer.toString());
    }

    private static Topic topic(CoapRequest request) {
        if (request.remainder().isEmpty()) {
            return null;
        }
        try {
            return Topic.of(String.join("/", request.remainder()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static CoapResponse invalidTopic(CoapRequest request) {
        return CoapResponse.error(CoapCode.BAD_REQUEST, "not a topic: " + request.path()
                + " (non-empty segments, no '+' or '#')");
    }
}
