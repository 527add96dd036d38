package io.tributary.upnp.ssdp;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import reactor.core.publisher.Mono;

/** What the SSDP channels share: epoll or NIO datagram channels to suit the event loops, and futures as Monos. */
final class Datagrams {

    private Datagrams() {
    }

    /**
     * @param group event loops
     * @return whether they are epoll loops (and epoll is usable)
     */
    static boolean epoll(EventLoopGroup group) {
        EventExecutor first = group.next();
        return Epoll.isAvailable() && first instanceof IoEventLoop
                && ((IoEventLoop) first).isIoType(EpollIoHandler.class);
    }

    /**
     * @param epoll whether to make an epoll channel
     * @param ipv6 whether of the IPv6 family
     * @return a new, unregistered datagram channel
     */
    static Channel channel(boolean epoll, boolean ipv6) {
        SocketProtocolFamily family = ipv6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        return epoll ? new EpollDatagramChannel(family) : new NioDatagramChannel(family);
    }

    /**
     * @param ipv6 whether of the IPv6 family
     * @return the wildcard address of that family
     */
    static InetAddress wildcard(boolean ipv6) {
        try {
            return InetAddress.getByAddress(new byte[ipv6 ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is an address", e);
        }
    }

    /**
     * @param future a Netty future
     * @return completes when it succeeds, fails with its cause
     */
    static Mono<Void> mono(Future<?> future) {
        return Mono.create(sink -> future.addListener(done -> {
            if (done.isSuccess()) {
                sink.success();
            } else {
                sink.error(done.cause());
            }
        }));
    }
}
