package io.tributary.upnp.ssdp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.tributary.upnp.http.Connections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One UDP channel per link (interface and address family), each bound to the group's port on the wildcard address
 * with SO_REUSEADDR (and SO_REUSEPORT with epoll, so other UPnP stacks on the host keep working), joined to the
 * group on its interface only, sending multicast out of that interface with the configured TTL. With epoll
 * {@code IP_MULTICAST_ALL} is off, so a channel hears multicast only from its own interface, and
 * {@code IP_RECVORIGDSTADDR} tells multicast from unicast datagrams. Received datagrams are decoded with hard limits
 * and handed on with their link; on an IPv6 link IPv4 datagrams (mapped addresses) are left to the IPv4 link.
 */
public final class MulticastChannels implements SsdpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(MulticastChannels.class);

    private final EventLoopGroup group;
    private final boolean epoll;
    private final MulticastGroup multicast;
    private final int ttl;
    private final SsdpDecoder decoder;
    private final BiConsumer<SsdpDatagram, SsdpLink> inbound;
    private final Map<SsdpLink, Channel> channels = new ConcurrentHashMap<>();
    private volatile int boundPort;

    /**
     * @param group the event loops the channels run on
     * @param multicast the group to join and its port (0 binds any free port, for tests)
     * @param ttl the multicast TTL (hop limit)
     * @param decoder decodes received datagrams
     * @param inbound takes each received datagram with its link, on the channel's event loop
     */
    public MulticastChannels(EventLoopGroup group, MulticastGroup multicast, int ttl, SsdpDecoder decoder,
                             BiConsumer<SsdpDatagram, SsdpLink> inbound) {
        this.group = group;
        this.epoll = Datagrams.epoll(group);
        this.multicast = multicast;
        this.ttl = ttl;
        this.decoder = decoder;
        this.inbound = inbound;
        this.boundPort = multicast.port();
    }

    /** @return the port the channels are bound to (the first bound one's, when 0 was asked) */
    public int port() {
        return boundPort;
    }

    /** @return the links with a bound channel */
    public List<SsdpLink> links() {
        return List.copyOf(channels.keySet());
    }

    /**
     * Binds a channel for the link and joins the group on its interface.
     *
     * @param link the link
     * @return completes when bound and joined
     */
    public Mono<Void> bind(SsdpLink link) {
        return Mono.fromCallable(() -> NetworkInterface.getByName(link.iface().name()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(nif -> {
                    Bootstrap bootstrap = new Bootstrap().group(group)
                            .channelFactory(() -> Datagrams.channel(epoll, link.ipv6()))
                            .option(ChannelOption.SO_REUSEADDR, true)
                            .option(ChannelOption.IP_MULTICAST_IF, nif)
                            .option(ChannelOption.IP_MULTICAST_TTL, ttl)
                            .option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, false)
                            // One byte more than the largest accepted datagram, so that a cut one is recognisable.
                            .option(ChannelOption.RECVBUF_ALLOCATOR,
                                    new FixedRecvByteBufAllocator(decoder.maxSize() + 1))
                            .handler(new ChannelInitializer<Channel>() {
                                @Override
                                protected void initChannel(Channel channel) {
                                    channel.pipeline().addLast("ssdp-decoder", decoder)
                                            .addLast("ssdp-inbound", new Inbound(link));
                                }
                            });
                    if (epoll) {
                        bootstrap.option(EpollChannelOption.SO_REUSEPORT, true)
                                .option(EpollChannelOption.IP_MULTICAST_ALL, false)
                                .option(EpollChannelOption.IP_RECVORIGDSTADDR, true);
                    }
                    InetAddress any = Datagrams.wildcard(link.ipv6());
                    ChannelFuture bound = bootstrap.bind(new InetSocketAddress(any, boundPort));
                    return Datagrams.mono(bound)
                            .then(Mono.defer(() -> join(link, bound.channel(), nif)))
                            .onErrorResume(failure -> unbind(link).then(Mono.error(failure)));
                });
    }

    /** Registers a bound channel and joins the group; without the group it still serves unicast searches. */
    private Mono<Void> join(SsdpLink link, Channel channel, NetworkInterface nif) {
        if (boundPort == 0) {
            boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
        }
        channels.put(link, channel);
        InetAddress joined = multicast.address(link.ipv6());
        return Datagrams.mono(((DatagramChannel) channel).joinGroup(new InetSocketAddress(joined, 0), nif))
                .doOnSuccess(done -> LOG.debug("channel on {} port {} joined {}", link, boundPort,
                        joined.getHostAddress()))
                .onErrorResume(failure -> {
                    LOG.warn("cannot join {} on {}: {}; unicast only", joined.getHostAddress(), link,
                            failure.toString());
                    return Mono.empty();
                });
    }

    /**
     * Closes the link's channel, if any.
     *
     * @param link the link
     * @return completes when closed
     */
    public Mono<Void> unbind(SsdpLink link) {
        Channel channel = channels.remove(link);
        return channel == null ? Mono.empty()
                : Datagrams.mono(channel.close()).onErrorResume(failure -> Mono.empty());
    }

    /** @return completes when every channel is closed */
    public Mono<Void> close() {
        return Flux.fromIterable(List.copyOf(channels.keySet())).flatMap(this::unbind).then();
    }

    @Override
    public Mono<Void> send(SsdpMessage message, InetSocketAddress recipient, SsdpLink via) {
        return Mono.defer(() -> {
            Channel channel = channels.get(via);
            if (channel == null) {
                return Mono.error(new IllegalStateException("no SSDP channel on " + via));
            }
            return Datagrams.mono(channel.writeAndFlush(new DatagramPacket(SsdpEncoder.encode(message, channel.alloc()),
                    recipient)));
        });
    }

    /** Hands decoded datagrams of one channel on with its link. */
    private final class Inbound extends SimpleChannelInboundHandler<SsdpDatagram> {
        private final SsdpLink link;

        Inbound(SsdpLink link) {
            this.link = link;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, SsdpDatagram datagram) {
            if (link.ipv6() && Connections.normalize(datagram.sender().getAddress()) instanceof Inet4Address) {
                return;
            }
            inbound.accept(datagram, link);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            // A failed receive (e.g. an ICMP error on a send) must not close the channel.
            LOG.debug("SSDP channel on {}: {}", link, cause.toString());
        }
    }
}
