package io.tributary.coap;

import java.net.URI;
import java.time.Duration;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.stack.ClientLayer;
import io.tributary.core.config.Settings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A reactive CoAP client on an endpoint's socket. Requests are cold: nothing is sent until subscription, and
 * cancelling frees the exchange. CON requests are retransmitted per RFC 7252 §4.2 and fail with
 * {@link CoapTimeoutException} after the last one; a RST fails them with {@link CoapResetException}. Immutable:
 * {@link #confirmable(boolean)} and {@link #accept(int)} return changed copies.
 */
public final class CoapClient {

    private final CoapEndpoint endpoint;
    private final ClientLayer layer;
    private final boolean owner;
    private final boolean nonConfirmable;
    private final int accept;

    CoapClient(CoapEndpoint endpoint, ClientLayer layer, boolean owner) {
        this(endpoint, layer, owner, false, -1);
    }

    private CoapClient(CoapEndpoint endpoint, ClientLayer layer, boolean owner, boolean nonConfirmable, int accept) {
        this.endpoint = endpoint;
        this.layer = layer;
        this.owner = owner;
        this.nonConfirmable = nonConfirmable;
        this.accept = accept;
    }

    /**
     * Binds a client-only endpoint on an ephemeral port (any request it receives gets 4.04).
     *
     * @param config endpoint settings, values of {@link CoapConfig#SECTION} (the port is replaced by 0)
     * @return the client; {@link #dispose()} closes its endpoint
     */
    public static Mono<CoapClient> bind(Settings config) {
        return CoapServer.create().config(config).port(0).bind()
                .map(endpoint -> new CoapClient(endpoint, endpoint.client().layer, true));
    }

    /** @return a client on an ephemeral port with the default configuration */
    public static Mono<CoapClient> bind() {
        return bind(CoapConfig.defaults());
    }

    /**
     * @param confirmable CON (true) or NON (false) requests; default CON
     * @return a new client reference
     */
    public CoapClient confirmable(boolean confirmable) {
        return new CoapClient(endpoint, layer, owner, !confirmable, accept);
    }

    /**
     * @param contentFormat the Accept option of requests, -1 for none; default none
     * @return a new client reference
     */
    public CoapClient accept(int contentFormat) {
        return new CoapClient(endpoint, layer, owner, nonConfirmable, contentFormat);
    }

    /**
     * @param uri e.g. {@code coap://192.0.2.1/sensors/temp?unit=c}
     * @return the response
     */
    public Mono<CoapResponse> get(URI uri) {
        return request(CoapCode.GET, uri, null, -1);
    }

    /**
     * @param uri target
     * @param payload request body
     * @param contentFormat its Content-Format, -1 for none
     * @return the response
     */
    public Mono<CoapResponse> post(URI uri, byte[] payload, int contentFormat) {
        return request(CoapCode.POST, uri, payload, contentFormat);
    }

    /**
     * @param uri target
     * @param payload request body
     * @param contentFormat its Content-Format, -1 for none
     * @return the response
     */
    public Mono<CoapResponse> put(URI uri, byte[] payload, int contentFormat) {
        return request(CoapCode.PUT, uri, payload, contentFormat);
    }

    /**
     * @param uri target
     * @return the response
     */
    public Mono<CoapResponse> delete(URI uri) {
        return request(CoapCode.DELETE, uri, null, -1);
    }

    /**
     * Sends a CoAP ping (an empty CON, answered with RST; RFC 7252 §4.3).
     *
     * @param uri the endpoint to ping; path and query are ignored
     * @return completes when the peer answered; {@link CoapTimeoutException} otherwise
     */
    public Mono<Void> ping(URI uri) {
        return CoapUri.address(uri).flatMap(layer::ping);
    }

    /**
     * Sends a request with any method.
     *
     * @param method a method code
     * @param uri target
     * @param payload request body, or {@code null}
     * @param contentFormat its Content-Format, -1 for none
     * @return the response
     */
    public Mono<CoapResponse> request(int method, URI uri, byte[] payload, int contentFormat) {
        return Mono.defer(() -> {
            CoapMessage template = template(method, uri, payload, contentFormat);
            return CoapUri.address(uri).flatMap(peer -> layer.request(template, peer, !nonConfirmable));
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
            CoapMessage template = template(CoapCode.GET, groupUri, null, -1);
            return CoapUri.address(groupUri).flatMapMany(group -> layer.multicast(template, group, window));
        });
    }

    private CoapMessage template(int method, URI uri, byte[] payload, int contentFormat) {
        CoapOptions.Builder options = CoapUri.options(uri);
        if (contentFormat >= 0) {
            options.addUint(CoapOption.CONTENT_FORMAT, contentFormat);
        }
        if (accept >= 0) {
            options.addUint(CoapOption.ACCEPT, accept);
        }
        return CoapMessage.builder(CoapType.CON, method).options(options.build())
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
