package io.tributary.coap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.EventExecutor;
import io.tributary.coap.codec.CoapDatagramCodec;
import io.tributary.coap.codec.CoapStackHandler;
import io.tributary.coap.stack.CoapStack;
import io.tributary.coap.stack.CoapStats;
import io.tributary.coap.stack.MessageIds;
import io.tributary.coap.stack.Responder;
import io.tributary.core.time.EventLoopTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * An immutable CoAP server definition in the style of Reactor Netty: every method returns a changed copy and
 * {@link #bind()} binds it. Defaults: {@code [::]:5683} (IPv4 and IPv6), {@link CoapConfig#defaults()}, no routes
 * (every request gets 4.04), event loops created and owned by the endpoint (one per core), no multicast groups.
 */
public final class CoapServer {

    private static final Logger LOG = LoggerFactory.getLogger(CoapServer.class);
    private static final int RECV_BATCH = 16;

    /** The all-CoAP-nodes IPv4 group (RFC 7252 §12.8). */
    public static final String ALL_COAP_NODES_IPV4 = "224.0.1.187";
    /** The link-local all-CoAP-nodes IPv6 group. */
    public static final String ALL_COAP_NODES_IPV6_LINK = "ff02::fd";
    /** The site-local all-CoAP-nodes IPv6 group. */
    public static final String ALL_COAP_NODES_IPV6_SITE = "ff05::fd";

    private final String host;
    private final int port;
    private final CoapConfig config;
    private final List<Consumer<? super CoapRoutes>> routes;
    private final EventLoopGroup loops;
    private final List<String> groups;
    private final String multicastInterface;

    private CoapServer(String host, int port, CoapConfig config, List<Consumer<? super CoapRoutes>> routes,
                       EventLoopGroup loops, List<String> groups, String multicastInterface) {
        this.host = host;
        this.port = port;
        this.config = config;
        this.routes = List.copyOf(routes);
        this.loops = loops;
        this.groups = List.copyOf(groups);
        this.multicastInterface = multicastInterface;
    }

    /** @return a server definition with the defaults */
    public static CoapServer create() {
        return new CoapServer("::", CoapUri.DEFAULT_PORT, CoapConfig.defaults(), List.of(), null, List.of(), null);
    }

    /**
     * @param address bind address; {@code ::} accepts IPv4 and IPv6, {@code 0.0.0.0} IPv4 only; default {@code ::}
     * @return a new server reference
     */
    public CoapServer host(String address) {
        return new CoapServer(Objects.requireNonNull(address, "address"), port, config, routes, loops, groups,
                multicastInterface);
    }

    /**
     * @param number UDP port, 0 for any free port; default 5683
     * @return a new server reference
     */
    public CoapServer port(int number) {
        if (number < 0 || number > 65535) {
            throw new IllegalArgumentException("port out of range: " + number);
        }
        return new CoapServer(host, number, config, routes, loops, groups, multicastInterface);
    }

    /**
     * @param settings protocol parameters; default {@link CoapConfig#defaults()}
     * @return a new server reference
     */
    public CoapServer config(CoapConfig settings) {
        return new CoapServer(host, port, Objects.requireNonNull(settings, "settings"), routes, loops, groups,
                multicastInterface);
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
        return new CoapServer(host, port, config, more, loops, groups, multicastInterface);
    }

    /**
     * @param group event loops to run the channels on, owned by the caller (an epoll group gives one channel per
     *              loop); default loops created and closed by the endpoint
     * @return a new server reference
     */
    public CoapServer runOn(EventLoopGroup group) {
        return new CoapServer(host, port, config, routes, Objects.requireNonNull(group, "group"), groups,
                multicastInterface);
    }

    /**
     * Joins a multicast group: NON requests to it are answered after a random leisure, errors not at all
     * (RFC 7252 §8.2). Needs the epoll transport, which reports each datagram's destination address.
     *
     * @param group e.g. {@link #ALL_COAP_NODES_IPV4}
     * @return a new server reference
     */
    public CoapServer multicast(String group) {
        List<String> more = new ArrayList<>(groups);
        more.add(Objects.requireNonNull(group, "group"));
        return new CoapServer(host, port, config, routes, loops, more, multicastInterface);
    }

    /**
     * @param name network interface for multicast membership, e.g. {@code eth0}; default the interface of the
     *             bind address, or the system default
     * @return a new server reference
     */
    public CoapServer multicastInterface(String name) {
        return new CoapServer(host, port, config, routes, loops, groups, name);
    }

    /**
     * Binds without blocking the caller.
     *
     * @return the bound endpoint, or the bind error
     */
    public Mono<CoapEndpoint> bind() {
        return Mono.defer(this::doBind);
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

    private Mono<CoapEndpoint> doBind() {
        EventLoopGroup group = loops;
        EventLoopGroup owned = null;
        boolean epoll = Epoll.isAvailable();
        if (group == null) {
            owned = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                    epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
            group = owned;
        } else {
            EventExecutor first = group.next();
            epoll = epoll && first instanceof IoEventLoop && ((IoEventLoop) first).isIoType(EpollIoHandler.class);
        }
        List<EventLoop> eventLoops = new ArrayList<>();
        for (EventExecutor executor : group) {
            eventLoops.add((EventLoop) executor);
        }
        int wanted = epoll ? (config.channels() == 0 ? eventLoops.size() : config.channels()) : 1;
        int count = Math.max(1, Math.min(wanted, eventLoops.size()));
        Binding binding = new Binding(epoll, owned);
        EventLoopGroup ownedGroup = owned;
        return binding.bindAll(eventLoops.subList(0, count))
                .onErrorResume(failure -> binding.closeAll()
                        .then(ownedGroup == null ? Mono.empty() : NettyFutures.toMono(ownedGroup.shutdownGracefully(
                                0, 1, java.util.concurrent.TimeUnit.SECONDS)).then())
                        .then(Mono.error(failure)));
    }

    /** One bind attempt: the channels created so far, so a failure can close them. */
    private final class Binding {
        private final boolean epoll;
        private final EventLoopGroup owned;
        private final List<Channel> channels = new ArrayList<>();
        private final List<CoapStack> stacks = new ArrayList<>();
        private final CoapStats stats = new CoapStats();
        private final MessageIds messageIds = CoapStack.messageIds(config);
        private final Responder responder;
        private final SecureRandom seeds = new SecureRandom();
        private final CoapDatagramCodec codec = new CoapDatagramCodec(config.maxDatagramSize());

        Binding(boolean epoll, EventLoopGroup owned) {
            this.epoll = epoll;
            this.owned = owned;
            CoapRoutes table = new CoapRoutes();
            routes.forEach(declaration -> declaration.accept(table));
            this.responder = table.responder();
        }

        Mono<CoapEndpoint> bindAll(List<EventLoop> eventLoops) {
            InetSocketAddress requested = new InetSocketAddress(host, port);
            Mono<Channel> first = bindOne(eventLoops.get(0), requested, true);
            return first.flatMap(channel -> {
                int actualPort = ((InetSocketAddress) channel.localAddress()).getPort();
                InetSocketAddress same = new InetSocketAddress(host, actualPort);
                Mono<Void> rest = Mono.empty();
                for (EventLoop loop : eventLoops.subList(1, eventLoops.size())) {
                    rest = rest.then(bindOne(loop, same, false).then());
                }
                return rest.then(joinGroups(channel));
            }).then(Mono.fromSupplier(() -> {
                CoapEndpoint endpoint = new CoapEndpoint(channels, stacks, stats, owned, epoll ? "epoll" : "nio");
                LOG.info("CoAP endpoint on {} ({} x {})", endpoint.address(), channels.size(),
                        endpoint.transport());
                return endpoint;
            }));
        }

        private Mono<Channel> bindOne(EventLoop loop, InetSocketAddress address, boolean hostsClient) {
            // One byte more than the largest accepted datagram, so that a cut datagram is recognisable.
            int segment = config.maxDatagramSize() + 1;
            Bootstrap bootstrap = new Bootstrap().group(loop)
                    .option(ChannelOption.SO_RCVBUF, config.receiveBufferSize())
                    .option(ChannelOption.SO_SNDBUF, config.sendBufferSize())
                    .option(ChannelOption.RECVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(epoll ? segment * RECV_BATCH : segment))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            CoapStackHandler handler = new CoapStackHandler(channel);
                            CoapStack stack = new CoapStack(config, handler, new EventLoopTimer(channel.eventLoop()),
                                    stats, messageIds, responder, seeds.nextLong(), hostsClient);
                            if (!hostsClient) {
                                stack.clientStack(stacks.get(0));
                            }
                            handler.stack(stack);
                            stacks.add(stack);
                            channel.pipeline().addLast("coap-codec", codec)
                                    .addLast("coap-stack", handler);
                        }
                    });
            if (epoll) {
                // recvmmsg: up to RECV_BATCH datagrams per system call.
                bootstrap.channel(EpollDatagramChannel.class)
                        .option(EpollChannelOption.SO_REUSEPORT, true)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, segment)
                        .option(EpollChannelOption.IP_RECVORIGDSTADDR, !groups.isEmpty());
            } else {
                bootstrap.channel(NioDatagramChannel.class);
            }
            ChannelFuture future = bootstrap.bind(address);
            channels.add(future.channel());
            return NettyFutures.toMono(future).thenReturn(future.channel());
        }

        private Mono<Void> joinGroups(Channel channel) {
            Mono<Void> joins = Mono.empty();
            for (String group : groups) {
                joins = joins.then(Mono.defer(() -> {
                    try {
                        InetAddress address = InetAddress.getByName(group);
                        NetworkInterface nic = multicastInterface != null
                                ? NetworkInterface.getByName(multicastInterface)
                                : NetworkInterface.getByInetAddress(((InetSocketAddress) channel.localAddress())
                                        .getAddress());
                        ChannelFuture joined = nic == null
                                ? ((DatagramChannel) channel).joinGroup(address)
                                : ((DatagramChannel) channel).joinGroup(new InetSocketAddress(address, 0), nic);
                        return NettyFutures.toMono(joined).doOnSuccess(done ->
                                LOG.info("joined multicast group {} on {}", group, nic == null ? "default" : nic));
                    } catch (Exception e) {
                        return Mono.error(e);
                    }
                }).then());
            }
            return joins;
        }

        Mono<Void> closeAll() {
            return reactor.core.publisher.Flux.fromIterable(channels)
                    .flatMap(channel -> NettyFutures.toMono(channel.close()).onErrorResume(e -> Mono.empty()))
                    .then();
        }
    }
}
