package io.tributary.coap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import io.tributary.coap.codec.CoapDatagramDecoder;
import io.tributary.coap.stack.CoapStack;
import io.tributary.coap.stack.EndpointState;
import io.tributary.coap.stack.Responder;
import io.tributary.coap.stack.StackConfig;
import io.tributary.core.config.Settings;
import io.tributary.core.time.EventLoopClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds a {@link CoapServer} definition: one channel per event loop on the same port with SO_REUSEPORT (epoll),
 * or one NIO channel; each with its codec, stack handler and stack; then joins the multicast groups. A failed
 * bind closes what it opened.
 */
final class CoapServerBind {

    private static final Logger LOG = LoggerFactory.getLogger(CoapServerBind.class);
    private static final int RECV_BATCH = 16;

    private final CoapServer server;
    private final Settings config;
    private final Settings protocol;
    private final String host;

    CoapServerBind(CoapServer server) {
        this.server = server;
        this.config = server.config;
        this.protocol = server.config.get(CoapConfig.PROTOCOL);
        this.host = server.config.get(CoapConfig.HOST);
    }

    private List<String> groups() {
        return config.get(CoapConfig.MULTICAST, CoapConfig.MULTICAST_GROUPS);
    }

    private String multicastInterface() {
        return config.get(CoapConfig.MULTICAST, CoapConfig.MULTICAST_INTERFACE);
    }

    Mono<CoapEndpoint> bind() {
        EventLoopGroup group = server.loops;
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
        int channels = config.get(CoapConfig.CHANNELS);
        // One socket per core by default: a group with more loops than cores (Reactor Netty's default is at least
        // 4) ran as many busy sockets and loops on 2 cores, preempting each other and contending for the counters.
        int perCore = Math.min(eventLoops.size(), Runtime.getRuntime().availableProcessors());
        int wanted = epoll ? (channels == 0 ? perCore : channels) : 1;
        int count = Math.max(1, Math.min(wanted, eventLoops.size()));
        Binding binding = new Binding(epoll, owned, count);
        EventLoopGroup ownedGroup = owned;
        return binding.bindAll(eventLoops.subList(0, count))
                .onErrorResume(failure -> binding.closeAll()
                        .then(ownedGroup == null ? Mono.empty() : NettyFutures.toMono(ownedGroup.shutdownGracefully(
                                0, 1, TimeUnit.SECONDS)).then())
                        .then(Mono.error(failure)));
    }

    /** One bind attempt: the channels created so far, so a failure can close them. */
    private final class Binding {
        private final boolean epoll;
        private final EventLoopGroup owned;
        private final List<Channel> channels = new ArrayList<>();
        private final List<CoapStack> stacks = new ArrayList<>();
        private final EndpointState shared;
        private final Responder responder;
        private final SecureRandom seeds = new SecureRandom();
        private final CoapDatagramDecoder decoder = new CoapDatagramDecoder(config.get(CoapConfig.MAX_DATAGRAM_SIZE));

        Binding(boolean epoll, EventLoopGroup owned, int channelCount) {
            this.epoll = epoll;
            this.owned = owned;
            this.shared = new EndpointState(protocol, channelCount);
            CoapRoutes table = new CoapRoutes();
            server.routes.forEach(declaration -> declaration.accept(table));
            this.responder = table.responder(shared.observations());
        }

        Mono<CoapEndpoint> bindAll(List<EventLoop> eventLoops) {
            InetSocketAddress requested = new InetSocketAddress(host, config.get(CoapConfig.PORT));
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
                CoapEndpoint endpoint = new CoapEndpoint(channels, stacks, shared, owned, epoll ? "epoll" : "nio",
                        protocol.get(StackConfig.MAX_BODY_SIZE));
                LOG.info("CoAP endpoint on {} ({} x {})", endpoint.address(), channels.size(),
                        endpoint.transport());
                return endpoint;
            }));
        }

        private Mono<Channel> bindOne(EventLoop loop, InetSocketAddress address, boolean hostsClient) {
            // One byte more than the largest accepted datagram, so that a cut datagram is recognisable.
            int segment = config.get(CoapConfig.MAX_DATAGRAM_SIZE) + 1;
            Bootstrap bootstrap = new Bootstrap().group(loop)
                    .option(ChannelOption.SO_RCVBUF, config.get(CoapConfig.RECEIVE_BUFFER))
                    .option(ChannelOption.SO_SNDBUF, config.get(CoapConfig.SEND_BUFFER))
                    .option(ChannelOption.RECVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(epoll ? segment * RECV_BATCH : segment))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            CoapStackHandler handler = new CoapStackHandler(channel);
                            CoapStack stack = new CoapStack(protocol, handler, new EventLoopClock(channel.eventLoop()),
                                    shared, responder, seeds.nextLong(), hostsClient ? null : stacks.get(0));
                            handler.stack(stack);
                            stacks.add(stack);
                            channel.pipeline().addLast("coap-decoder", decoder)
                                    .addLast("coap-stack", handler);
                        }
                    });
            if (epoll) {
                // recvmmsg: up to RECV_BATCH datagrams per system call.
                bootstrap.channel(EpollDatagramChannel.class)
                        .option(EpollChannelOption.SO_REUSEPORT, true)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, segment)
                        .option(EpollChannelOption.IP_RECVORIGDSTADDR, !groups().isEmpty());
            } else {
                bootstrap.channel(NioDatagramChannel.class);
            }
            ChannelFuture future = bootstrap.bind(address);
            channels.add(future.channel());
            return NettyFutures.toMono(future).thenReturn(future.channel());
        }

        private Mono<Void> joinGroups(Channel channel) {
            Mono<Void> joins = Mono.empty();
            for (String group : groups()) {
                joins = joins.then(Mono.defer(() -> {
                    try {
                        InetAddress address = InetAddress.getByName(group);
                        NetworkInterface nic = multicastInterface() != null
                                ? NetworkInterface.getByName(multicastInterface())
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
            return Flux.fromIterable(channels)
                    .flatMap(channel -> NettyFutures.toMono(channel.close()).onErrorResume(e -> Mono.empty()))
                    .then();
        }
    }
}
