package io.tributary.upnp.ssdp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.tributary.upnp.http.UpnpHttp;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;

/**
 * An SSDP search (UDA 2.0 §1.3.2) on its own sockets, for control points and command-line tools: an immutable
 * definition whose methods return changed copies, and {@link #search()}, a {@code Flux} of the responses received
 * within the timeout. By default the M-SEARCH is multicast to 239.255.255.250:1900 out of every interface that is
 * up, not loopback and multicast-capable (one socket per interface, bound to its IPv4 address); with a
 * {@link #target(InetSocketAddress)} it is a unicast search (UDA 2.0), answered at once. Each search is sent twice
 * (UDP is lossy); a response seen twice is emitted once. Defaults: ST {@code ssdp:all}, MX 2 s, timeout MX + 1 s,
 * TTL 2, Reactor Netty's global event loops.
 *
 * <pre>{@code
 * SsdpSearch.create().searchTarget("upnp:rootdevice").mx(1).search()
 *         .subscribe(response -> System.out.println(response.usn() + " " + response.location()));
 * }</pre>
 */
public final class SsdpSearch {

    private final String searchTarget;
    private final int mx;
    private final Duration timeout;
    private final List<String> interfaces;
    private final InetSocketAddress target;
    private final LoopResources loops;
    private final int ttl;

    private SsdpSearch(String searchTarget, int mx, Duration timeout, List<String> interfaces,
                       InetSocketAddress target, LoopResources loops, int ttl) {
        this.searchTarget = searchTarget;
        this.mx = mx;
        this.timeout = timeout;
        this.interfaces = List.copyOf(interfaces);
        this.target = target;
        this.loops = loops;
        this.ttl = ttl;
    }

    /** @return a search for {@code ssdp:all} with the defaults */
    public static SsdpSearch create() {
        return new SsdpSearch(SsdpHeaders.ALL, 2, null, List.of(), null, null, 2);
    }

    /**
     * @param st what to search for: {@code ssdp:all}, {@code upnp:rootdevice}, {@code uuid:…}, a device or a
     *           service type; default {@code ssdp:all}
     * @return a new search reference
     */
    public SsdpSearch searchTarget(String st) {
        if (st == null || st.isBlank()) {
            throw new IllegalArgumentException("a search target is needed");
        }
        return new SsdpSearch(st.trim(), mx, timeout, interfaces, target, loops, ttl);
    }

    /**
     * @param seconds the MX: devices answer within this many seconds, 1 to 5; default 2
     * @return a new search reference
     */
    public SsdpSearch mx(int seconds) {
        if (seconds < 1 || seconds > 5) {
            throw new IllegalArgumentException("MX must be 1 to 5 seconds, was " + seconds);
        }
        return new SsdpSearch(searchTarget, seconds, timeout, interfaces, target, loops, ttl);
    }

    /**
     * @param wait how long responses are collected; default MX + 1 s
     * @return a new search reference
     */
    public SsdpSearch timeout(Duration wait) {
        if (wait == null || wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        return new SsdpSearch(searchTarget, mx, wait, interfaces, target, loops, ttl);
    }

    /**
     * @param names the interfaces to search on, e.g. {@code [eth0]}; default every suitable one
     * @return a new search reference
     */
    public SsdpSearch networkInterfaces(List<String> names) {
        return new SsdpSearch(searchTarget, mx, timeout, Objects.requireNonNull(names, "names"), target, loops, ttl);
    }

    /**
     * @param device a device's address and SSDP port for a unicast search; default none (multicast)
     * @return a new search reference
     */
    public SsdpSearch target(InetSocketAddress device) {
        return new SsdpSearch(searchTarget, mx, timeout, interfaces, Objects.requireNonNull(device, "device"), loops,
                ttl);
    }

    /**
     * @param hops the multicast TTL; default 2
     * @return a new search reference
     */
    public SsdpSearch ttl(int hops) {
        if (hops < 1 || hops > 255) {
            throw new IllegalArgumentException("TTL must be 1 to 255, was " + hops);
        }
        return new SsdpSearch(searchTarget, mx, timeout, interfaces, target, loops, hops);
    }

    /**
     * @param resources the event loops of the search sockets; default Reactor Netty's global loops
     * @return a new search reference
     */
    public SsdpSearch loops(LoopResources resources) {
        return new SsdpSearch(searchTarget, mx, timeout, interfaces, target, Objects.requireNonNull(resources,
                "resources"), ttl);
    }

    /**
     * Opens the sockets when subscribed, sends the search, emits each distinct response until the timeout, then
     * completes and closes the sockets. Responses that are not readable are skipped.
     *
     * @return the responses
     */
    public Flux<SsdpAnnouncement> search() {
        return Flux.defer(() -> {
            EventLoopGroup group = (loops != null ? loops : HttpResources.get()).onClient(true);
            boolean epoll = Datagrams.epoll(group);
            Sinks.Many<SsdpAnnouncement> responses = Sinks.many().unicast().onBackpressureBuffer();
            List<Channel> open = new CopyOnWriteArrayList<>();
            Mono<List<Endpoint>> endpoints = target != null
                    ? Mono.just(List.of(new Endpoint(Datagrams.wildcard(target.getAddress() instanceof Inet6Address),
                    null)))
                    : Mono.fromCallable(this::multicastEndpoints).subscribeOn(Schedulers.boundedElastic());
            Mono<Void> sent = endpoints.flatMapMany(Flux::fromIterable)
                    .concatMap(endpoint -> open(group, epoll, endpoint, responses).doOnNext(open::add))
                    .concatMap(channel -> send(channel).then(send(channel)))
                    .then();
            Duration wait = timeout != null ? timeout : Duration.ofSeconds(mx + 1L);
            return sent.thenMany(responses.asFlux())
                    .take(wait)
                    .distinct(response -> response.usn() + " " + response.location())
                    .doFinally(signal -> open.forEach(Channel::close));
        });
    }

    private List<Endpoint> multicastEndpoints() throws SocketException {
        List<Endpoint> endpoints = new ArrayList<>();
        for (SsdpInterface iface : SsdpInterface.scan(interfaces)) {
            if (iface.ipv4() != null) {
                endpoints.add(new Endpoint(iface.ipv4(), NetworkInterface.getByName(iface.name())));
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalStateException("no interface to search on (up, not loopback, multicast, with IPv4)");
        }
        return endpoints;
    }

    private Mono<Channel> open(EventLoopGroup group, boolean epoll, Endpoint endpoint,
                               Sinks.Many<SsdpAnnouncement> responses) {
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channelFactory(() -> Datagrams.channel(epoll, endpoint.local() instanceof Inet6Address))
                .option(ChannelOption.RECVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(SsdpDecoder.DEFAULT_MAX_SIZE + 1))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new SsdpDecoder(SsdpDecoder.DEFAULT_MAX_SIZE,
                                SsdpDecoder.DEFAULT_MAX_HEADERS)).addLast(new Responses(responses));
                    }
                });
        if (endpoint.nif() != null) {
            bootstrap.option(ChannelOption.IP_MULTICAST_IF, endpoint.nif())
                    .option(ChannelOption.IP_MULTICAST_TTL, ttl);
        }
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(endpoint.local(), 0));
        return Datagrams.mono(bound).thenReturn(bound.channel());
    }

    private Mono<Void> send(Channel channel) {
        boolean multicast = target == null;
        InetSocketAddress recipient = multicast ? new InetSocketAddress(MulticastGroup.ssdp(1900).ipv4(), 1900)
                : target;
        SsdpMessage search = SsdpMessage.builder(SsdpMessage.M_SEARCH)
                .header(SsdpHeaders.HOST, SsdpLink.literal(recipient.getAddress()) + ":" + recipient.getPort())
                .header(SsdpHeaders.MAN, SsdpHeaders.DISCOVER)
                .header(SsdpHeaders.MX, multicast ? Integer.toString(mx) : null)
                .header(SsdpHeaders.ST, searchTarget)
                .header(SsdpHeaders.USER_AGENT, UpnpHttp.SERVER)
                .build();
        return Datagrams.mono(channel.writeAndFlush(new DatagramPacket(SsdpEncoder.encode(search, channel.alloc()),
                recipient)));
    }

    /** Where one search socket is bound, and the interface it multicasts out of ({@code null} for unicast). */
    private record Endpoint(InetAddress local, NetworkInterface nif) {
    }

    /** Emits the readable responses of one socket. */
    private static final class Responses extends SimpleChannelInboundHandler<SsdpDatagram> {
        private final Sinks.Many<SsdpAnnouncement> sink;

        Responses(Sinks.Many<SsdpAnnouncement> sink) {
            this.sink = sink;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, SsdpDatagram datagram) {
            if (datagram.message() == null || !datagram.message().isResponse()) {
                return;
            }
            SsdpAnnouncement response = SsdpAnnouncement.of(datagram.message(), datagram.sender());
            if (response != null) {
                synchronized (sink) {
                    sink.tryEmitNext(response);
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            // An ICMP error for one send must not end the search.
        }
    }
}
