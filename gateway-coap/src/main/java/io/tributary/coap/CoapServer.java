package io.tributary.coap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.netty.channel.EventLoopGroup;
import io.tributary.core.config.Settings;
import reactor.core.publisher.Mono;

/**
 * An immutable CoAP server definition in the style of Reactor Netty: every method returns a changed copy and
 * {@link #bind()} binds it. Defaults: {@link CoapConfig#defaults()} ({@code [::]:5683}, IPv4 and IPv6), no routes
 * (every request gets 4.04), event loops created and owned by the endpoint (one per core), no multicast groups.
 */
public final class CoapServer {

    /** The all-CoAP-nodes IPv4 group (RFC 7252 §12.8). */
    public static final String ALL_COAP_NODES_IPV4 = "224.0.1.187";
    /** The link-local all-CoAP-nodes IPv6 group. */
    public static final String ALL_COAP_NODES_IPV6_LINK = "ff02::fd";
    /** The site-local all-CoAP-nodes IPv6 group. */
    public static final String ALL_COAP_NODES_IPV6_SITE = "ff05::fd";

    final Settings config;
    final List<Consumer<? super CoapRoutes>> routes;
    final EventLoopGroup loops;

    private CoapServer(Settings config, List<Consumer<? super CoapRoutes>> routes, EventLoopGroup loops) {
        this.config = config;
        this.routes = List.copyOf(routes);
        this.loops = loops;
    }

    /** @return a server definition with the defaults */
    public static CoapServer create() {
        return new CoapServer(CoapConfig.defaults(), List.of(), null);
    }

    /**
     * @param address bind address; {@code ::} accepts IPv4 and IPv6, {@code 0.0.0.0} IPv4 only; default {@code ::}
     * @return a new server reference
     */
    public CoapServer host(String address) {
        return config(config.with(CoapConfig.HOST, Objects.requireNonNull(address, "address")));
    }

    /**
     * @param number UDP port, 0 for any free port; default 5683
     * @return a new server reference
     */
    public CoapServer port(int number) {
        return config(config.with(CoapConfig.PORT, number));
    }

    /**
     * @param settings values of {@link CoapConfig#SECTION}: address, sockets, multicast and protocol parameters,
     *                 replacing any set before (so call {@code host}, {@code port} and {@code multicast} after it);
     *                 default {@link CoapConfig#defaults()}
     * @return a new server reference
     */
    public CoapServer config(Settings settings) {
        if (settings.section() != CoapConfig.SECTION) {
            throw new IllegalArgumentException("expected CoAP endpoint settings, was " + settings.section());
        }
        return new CoapServer(settings.validate(), routes, loops);
    }

    /**
     * Declares routes; several calls add up, in order.
     *
     * @param declaration e.g. {@code routes -> routes.get("/temp", handler)}
     * @return a new server reference
     */
    public CoapServer route(Consumer<? super CoapRoutes> declaration) {
        List<Consumer<? super CoapRoutes>> more = new ArrayList<>(routes);
        more.add(Objects.requireNonNull(declaration, "declaration"));
        return new CoapServer(config, more, loops);
    }

    /**
     * @param group event loops to run the channels on, owned by the caller (an epoll group gives one channel per
     *              loop); default loops created and closed by the endpoint
     * @return a new server reference
     */
    public CoapServer runOn(EventLoopGroup group) {
        return new CoapServer(config, routes, Objects.requireNonNull(group, "group"));
    }

    /**
     * Joins a multicast group: NON requests to it are answered after a random leisure, errors not at all
     * (RFC 7252 §8.2). Needs the epoll transport, which reports each datagram's destination address.
     *
     * @param group e.g. {@link #ALL_COAP_NODES_IPV4}
     * @return a new server reference
     */
    public CoapServer multicast(String group) {
        List<String> more = new ArrayList<>(config.get(CoapConfig.MULTICAST, CoapConfig.MULTICAST_GROUPS));
        more.add(Objects.requireNonNull(group, "group"));
        return config(config.with(CoapConfig.MULTICAST, CoapConfig.MULTICAST_GROUPS, List.copyOf(more)));
    }

    /**
     * @param name network interface for multicast membership, e.g. {@code eth0}; default the interface of the
     *             bind address, or the system default
     * @return a new server reference
     */
    public CoapServer multicastInterface(String name) {
        return config(config.with(CoapConfig.MULTICAST, CoapConfig.MULTICAST_INTERFACE, name));
    }

    /**
     * Binds without blocking the caller.
     *
     * @return the bound endpoint, or the bind error
     */
    public Mono<CoapEndpoint> bind() {
        return Mono.defer(() -> new CoapServerBind(this).bind());
    }

    /**
     * Binds and waits; for tests and main methods, never on an event loop.
     *
     * @param timeout how long to wait
     * @return the bound endpoint
     */
    public CoapEndpoint bindNow(Duration timeout) {
        return bind().block(timeout);
    }
}
