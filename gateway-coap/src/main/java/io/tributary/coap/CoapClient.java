package io.tributary.coap;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapMethod;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.stack.ClientLayer;
import io.tributary.coap.stack.ClientResults;
import io.tributary.coap.stack.ExchangeFailure;
import io.tributary.core.config.Settings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A reactive CoAP client on an endpoint's socket. Requests are cold: nothing is sent until subscription, and
 * cancelling frees the exchange. CON requests are retransmitted per RFC 7252 §4.2 and fail with
 * {@link CoapTimeoutException} after the last one; a RST fails them with {@link CoapResetException}. Bodies larger
 * than the endpoint's {@code block-size} go out in Block1 blocks and responses in Block2 blocks come back whole
 * (RFC 7959), up to {@link #maxBodySize(int)}. {@link #observe(URI)} follows a resource (RFC 7641). Immutable:
 * {@link #confirmable(boolean)}, {@link #accept(ContentFormat)} and {@link #maxBodySize(int)} return changed copies.
 * <pre>{@code
 * CoapClient.bind()
 *         .flatMap(client -> client.put(URI.create("coap://192.0.2.5/led"), "on"))   // text/plain, UTF-8
 *         .map(CoapResponse::code)                                                   // 2.04 Changed
 * client.observe(URI.create("coap://192.0.2.5/temp"))                               // Flux<CoapResponse>
 *         .map(CoapResponse::payloadUtf8)                                            // "21.5", "21.7", ...
 * }</pre>
 */
public final class CoapClient {

    /** Where the stack's outcomes become this API's responses and exceptions. */
    private static final ClientResults<CoapResponse> RESULTS = new ClientResults<>() {
        @Override
        public CoapResponse response(CoapMessage response, InetSocketAddress peer) {
            return CoapResponse.received(response, peer);
        }

        @Override
        public Throwable failure(ExchangeFailure failure) {
            switch (failure.reason()) {
                case TIMEOUT:
                    return new CoapTimeoutException(failure.getMessage());
                case RESET:
                    return new CoapResetException(failure.getMessage());
                case ERROR_RESPONSE:
                    return new CoapResponseException(failure.getMessage(),
                            CoapResponse.received(failure.response(), failure.peer()));
                default:
                    return new CoapException(failure.getMessage());
            }
        }
    };

    private final CoapEndpoint endpoint;
    private final ClientLayer layer;
    private final boolean owner;
    // Set only while a copy is made (Reactor Netty's duplicate-and-configure): a client never changes once returned.
    private boolean nonConfirmable;
    private ContentFormat accept;
    private int maxBodySize;
    private CoapOptions extra = CoapOptions.EMPTY;

    private CoapClient(CoapEndpoint endpoint, boolean owner) {
        this.endpoint = endpoint;
        this.layer = endpoint.clientLayer();
        this.owner = owner;
        this.maxBodySize = endpoint.maxBodySize();
    }

    private CoapClient duplicate() {
        CoapClient copy = new CoapClient(endpoint, owner);
        copy.nonConfirmable = nonConfirmable;
        copy.accept = accept;
        copy.maxBodySize = maxBodySize;
        copy.extra = extra;
        return copy;
    }

    /**
     * Binds a client-only endpoint on an ephemeral port (any request it receives gets 4.04).
     *
     * @param config endpoint settings, values of {@link CoapConfig#SECTION} (the port is replaced by 0)
     * @return the client; {@link #dispose()} closes its endpoint
     */
    public static Mono<CoapClient> bind(Settings config) {
        return CoapServer.create().config(config).port(0).bind().map(endpoint -> new CoapClient(endpoint, true));
    }

    /** @return a client on an ephemeral port with the default configuration */
    public static Mono<CoapClient> bind() {
        return bind(CoapConfig.defaults());
    }

    /**
     * @param endpoint a bound endpoint, e.g. a server's, whose socket the client sends from
     * @return a client on it: CON, no Accept; {@link #dispose()} leaves the endpoint open
     */
    public static CoapClient on(CoapEndpoint endpoint) {
        return new CoapClient(Objects.requireNonNull(endpoint, "endpoint"), false);
    }

    /**
     * @param confirmable CON (true) or NON (false) requests; default CON
     * @return a new client reference
     */
    public CoapClient confirmable(boolean confirmable) {
        CoapClient copy = duplicate();
        copy.nonConfirmable = !confirmable;
        return copy;
    }

    /**
     * @param format the Accept option of requests (RFC 7252 §5.10.4), or {@code null} for none; default none
     * @return a new client reference
     */
    public CoapClient accept(ContentFormat format) {
        CoapClient copy = duplicate();
        copy.accept = format;
        return copy;
    }

    /**
     * @param bytes the largest response body reassembled from Block2 blocks; a larger one fails the request with
     *              {@link CoapException}; default the endpoint's {@code max-body-size} (1 MiB)
     * @return a new client reference
     */
    public CoapClient maxBodySize(int bytes) {
        if (bytes < 16) {
            throw new IllegalArgumentException("a body limit below one block: " + bytes);
        }
        CoapClient copy = duplicate();
        copy.maxBodySize = bytes;
        return copy;
    }

    /**
     * Adds an option to every request, e.g. {@code option(CoapOption.IF_NONE_MATCH, new byte[0])} for a create-only
     * PUT or {@code option(CoapOption.ETAG, tag)} to validate (RFC 7252 §5.10); repeatable options add up.
     *
     * @param number the option number, see {@code CoapOption}
     * @param value the raw value, not copied
     * @return a new client reference
     */
    public CoapClient option(int number, byte[] value) {
        CoapClient copy = duplicate();
        copy.extra = CoapOption.isRepeatable(number) ? extra.toBuilder().add(number, value).build()
                : extra.with(number, value);
        return copy;
    }

    /**
     * @param uri e.g. {@code coap://192.0.2.1/sensors/temp?unit=c}
     * @return the response
     */
    public Mono<CoapResponse> get(URI uri) {
        return request(CoapMethod.GET, uri, null, null);
    }

    /**
     * @param uri target
     * @param payload request body
     * @param format its Content-Format, or {@code null} for none
     * @return the response
     */
    public Mono<CoapResponse> post(URI uri, byte[] payload, ContentFormat format) {
        return request(CoapMethod.POST, uri, payload, format);
    }

    /**
     * @param uri target
     * @param text request body, sent as UTF-8 with Content-Format {@link ContentFormat#TEXT_PLAIN}
     * @return the response
     */
    public Mono<CoapResponse> post(URI uri, CharSequence text) {
        return request(CoapMethod.POST, uri, CoapResponse.utf8(text), ContentFormat.TEXT_PLAIN);
    }

    /**
     * @param uri target
     * @param payload request body
     * @param format its Content-Format, or {@code null} for none
     * @return the response
     */
    public Mono<CoapResponse> put(URI uri, byte[] payload, ContentFormat format) {
        return request(CoapMethod.PUT, uri, payload, format);
    }

    /**
     * @param uri target
     * @param text request body, sent as UTF-8 with Content-Format {@link ContentFormat#TEXT_PLAIN}
     * @return the response
     */
    public Mono<CoapResponse> put(URI uri, CharSequence text) {
        return request(CoapMethod.PUT, uri, CoapResponse.utf8(text), ContentFormat.TEXT_PLAIN);
    }

    /**
     * @param uri target
     * @return the response
     */
    public Mono<CoapResponse> delete(URI uri) {
        return request(CoapMethod.DELETE, uri, null, null);
    }

    /**
     * Sends a CoAP ping (an empty CON, answered with RST; RFC 7252 §4.3).
     *
     * @param uri the endpoint to ping; path and query are ignored
     * @return completes when the peer answered; {@link CoapTimeoutException} otherwise
     */
    public Mono<Void> ping(URI uri) {
        return CoapUri.address(uri).flatMap(peer -> layer.ping(peer, RESULTS));
    }

    /**
     * Sends a request with any method.
     *
     * @param method e.g. {@link CoapMethod#FETCH}
     * @param uri target
     * @param payload request body, or {@code null}
     * @param format its Content-Format, or {@code null} for none
     * @return the response
     */
    public Mono<CoapResponse> request(CoapMethod method, URI uri, byte[] payload, ContentFormat format) {
        Objects.requireNonNull(method, "method");
        return Mono.defer(() -> {
            CoapMessage template = template(method, uri, payload, format);
            return CoapUri.address(uri).flatMap(peer -> layer.transfer(template, peer, !nonConfirmable, RESULTS,
                    maxBodySize));
        });
    }

    /**
     * Observes a resource (RFC 7641): a GET with Observe 0, CON or NON as {@link #confirmable(boolean)} says. The
     * registration's response comes first, then each notification that is fresh by §3.4, whole when it came in
     * blocks; when the subscriber lags only the latest is kept. The client re-registers when Max-Age plus
     * {@code observe-reregistration-margin} pass without a notification. A response without Observe (the server
     * did not make, or ended, the relation) completes the flux after it; a later 4.xx or 5.xx notification fails it
     * with {@link CoapResponseException}; an unanswered (re-)registration with {@link CoapTimeoutException}.
     * Cancelling deregisters, with a GET with Observe 1 or a RST to the next notification as
     * {@code observe-cancel} says.
     *
     * @param uri the resource
     * @return the registration's response, then the notifications
     */
    public Flux<CoapResponse> observe(URI uri) {
        return Flux.defer(() -> {
            CoapMessage template = template(CoapMethod.GET, uri, null, null);
            return CoapUri.address(uri).flatMapMany(peer -> layer.observe(template, peer, !nonConfirmable, RESULTS,
                    maxBodySize));
        });
    }

    /**
     * Sends a NON GET to a multicast group and collects the responses (RFC 7252 §8.2).
     *
     * @param groupUri e.g. {@code coap://224.0.1.187/.well-known/core}
     * @param window how long to collect; servers answer within DEFAULT_LEISURE
     * @return every response received in the window, each with its sender
     */
    public Flux<CoapResponse> multicast(URI groupUri, Duration window) {
        return Flux.defer(() -> {
            CoapMessage template = template(CoapMethod.GET, groupUri, null, null);
            return CoapUri.address(groupUri).flatMapMany(group -> layer.multicast(template, group, window, RESULTS));
        });
    }

    private CoapMessage template(CoapMethod method, URI uri, byte[] payload, ContentFormat format) {
        CoapOptions.Builder options = CoapUri.options(uri);
        for (int i = 0; i < extra.size(); i++) {
            options.add(extra.number(i), extra.value(i));
        }
        if (format != null) {
            options.addUint(CoapOption.CONTENT_FORMAT, format.number());
        }
        if (accept != null) {
            options.addUint(CoapOption.ACCEPT, accept.number());
        }
        return CoapMessage.builder(CoapType.CON, method.code()).options(options.build())
                .payload(payload == null ? new byte[0] : payload).build();
    }

    /** @return the endpoint this client sends from */
    public CoapEndpoint endpoint() {
        return endpoint;
    }

    /** Closes the endpoint if this client created it ({@link #bind()}); otherwise does nothing. */
    public void dispose() {
        if (owner) {
            endpoint.dispose();
        }
    }
}
