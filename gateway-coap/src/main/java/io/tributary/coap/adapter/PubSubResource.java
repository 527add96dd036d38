package io.tributary.coap.adapter;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.tributary.coap.CoapRequest;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapRoute;
import io.tributary.coap.CoapRoutes;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.EntityTag;
import io.tributary.core.Message;
import io.tributary.core.Overflow;
import io.tributary.core.Router;
import io.tributary.core.SubscribeOptions;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code /ps/<topic...>} resource tree, a window on the router: POST or PUT publishes the payload as the
 * topic's retained value (Content-Format kept as the message's content type) and answers 2.01 Created for a new
 * topic or 2.04 Changed, with the new value's ETag; GET answers the retained value (see {@link Representations})
 * with 2.05 or 4.04; GET with Observe follows it (RFC 7641), every change of the retained value, whoever made
 * it, becoming a notification and its removal a final 4.04, all observers of a topic sharing one router
 * subscription; DELETE clears it with 2.02. If-Match and If-None-Match are applied to the value (RFC 7252
 * §5.10.8): create-only publishes and compare-and-set; a failing one gets 4.12. GET on {@code /ps} lists the
 * topics holding a value in link format (RFC 6690); {@code /.well-known/core} lists {@code /ps} as
 * {@code rt="core.ps"}. Each message carries the attributes origin {@code coap} and the peer's address.
 */
final class PubSubResource {

    /** Peers whose attributes are kept; past this the cache starts over, so a scan of many sources stays bounded. */
    static final int ATTRIBUTE_CACHE_SIZE = 4096;
    /** Paths whose parsed topic is kept; past this the cache starts over, as for the attributes. */
    static final int TOPIC_CACHE_SIZE = 4096;
    /**
     * Each observed topic's router subscription: a few messages deep, the oldest dropped, as observers only ever
     * need the latest value.
     */
    private static final SubscribeOptions OBSERVED = SubscribeOptions.defaults().capacity(16)
            .overflow(Overflow.DROP_OLDEST).retainedFirst(true);

    private final Router router;
    private final String prefix;
    private final Representations representations = new Representations();
    /** One immutable attribute map per peer: a sensor publishing again reuses it instead of formatting its address. */
    private final Map<InetSocketAddress, Map<String, String>> attributes = new ConcurrentHashMap<>();
    /**
     * Each path's topic, parsed once: a GET of a known topic then neither splits nor validates it again, and the
     * retained-value lookup hashes a string whose hash is already cached.
     */
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();

    PubSubResource(Router router, String prefix) {
        this.router = router;
        this.prefix = prefix;
    }

    void declare(CoapRoutes routes) {
        String tree = "/" + prefix + "/**";
        routes.route(CoapRoute.get("/" + prefix).resourceType("core.ps").produces(ContentFormat.LINK_FORMAT),
                        request -> router.retained(TopicFilter.of("#")).collectList().map(this::list))
                .route(CoapRoute.get(tree).conditional(), request -> Mono.just(read(request)))
                .observe(CoapRoute.get(tree), this::states)
                .route(CoapRoute.post(tree).conditional(), request -> Mono.just(write(request)))
                .route(CoapRoute.put(tree).conditional(), request -> Mono.just(write(request)))
                .route(CoapRoute.delete(tree).conditional(), request -> Mono.just(clear(request)));
    }

    private CoapResponse read(CoapRequest request) {
        Topic topic = topic(request);
        if (topic == null) {
            return invalidTopic(request);
        }
        Message value = router.retainedValue(topic);
        if (!request.conditionsMet(value == null ? null : representations.etag(value))) {
            return preconditionFailed(topic);
        }
        return value == null ? notFound(topic) : representations.of(value);
    }

    /** The states of an observed topic: its value now, then each change of its retained value. */
    private Flux<CoapResponse> states(CoapRequest request) {
        Topic topic = topic(request);
        if (topic == null) {
            return Flux.just(invalidTopic(request));
        }
        if (router.retainedValue(topic) == null) {
            return Flux.just(notFound(topic));
        }
        return router.subscribe(TopicFilter.of(topic.toString()), OBSERVED)
                .filter(Message::retain)
                // The value read first may come again as a live message; the same message is one state.
                .distinctUntilChanged(Function.identity(), (previous, next) -> previous == next)
                .map(message -> message.clearsRetained() ? notFound(topic) : representations.of(message));
    }

    private CoapResponse write(CoapRequest request) {
        Topic topic = topic(request);
        if (topic == null) {
            return invalidTopic(request);
        }
        if (request.payload().length == 0) {
            return CoapResponse.error(CoapCode.BAD_REQUEST, "empty payload; DELETE clears a topic");
        }
        Message current = router.retainedValue(topic);
        if (!request.conditionsMet(current == null ? null : representations.etag(current))) {
            return preconditionFailed(topic);
        }
        ContentFormat format = request.contentFormat();
        Message value = Message.builder(topic).payload(request.payload())
                .contentType(format != null ? format.mediaType() : null)
                .attributes(attributes(request.peer())).retain(true).build();
        router.publish(value);
        byte[] etag = EntityTag.of(request.payload(), Representations.format(value).number());
        if (current == null) {
            List<String> location = new ArrayList<>();
            location.add(prefix);
            location.addAll(topic.segments());
            return CoapResponse.of(CoapCode.CREATED).locationPath(location.toArray(new String[0])).etag(etag);
        }
        return CoapResponse.of(CoapCode.CHANGED).etag(etag);
    }

    private CoapResponse clear(CoapRequest request) {
        Topic topic = topic(request);
        if (topic == null) {
            return invalidTopic(request);
        }
        Message current = router.retainedValue(topic);
        if (!request.conditionsMet(current == null ? null : representations.etag(current))) {
            return preconditionFailed(topic);
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
            links.append("</").append(prefix).append('/').append(message.topic()).append(">;ct=")
                    .append(Representations.format(message).number());
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

    private Topic topic(CoapRequest request) {
        List<String> remainder = request.remainder();
        if (remainder.isEmpty()) {
            return null;
        }
        String path = remainder.size() == 1 ? remainder.get(0) : String.join("/", remainder);
        Topic known = topics.get(path);
        if (known != null) {
            return known;
        }
        Topic topic;
        try {
            topic = Topic.of(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (topics.size() >= TOPIC_CACHE_SIZE) {
            topics.clear();
        }
        topics.put(path, topic);
        return topic;
    }

    private static CoapResponse notFound(Topic topic) {
        return CoapResponse.error(CoapCode.NOT_FOUND, "no value for " + topic);
    }

    private static CoapResponse preconditionFailed(Topic topic) {
        return CoapResponse.error(CoapCode.PRECONDITION_FAILED, "If-Match or If-None-Match does not hold for the"
                + " value of " + topic);
    }

    private static CoapResponse invalidTopic(CoapRequest request) {
        return CoapResponse.error(CoapCode.BAD_REQUEST, "not a topic: " + request.path()
                + " (non-empty segments, no '+' or '#')");
    }
}
