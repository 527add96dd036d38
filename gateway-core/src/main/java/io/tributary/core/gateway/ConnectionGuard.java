package io.tributary.core.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.tributary.core.config.Settings;
import io.tributary.core.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

/**
 * Admits connections to the shared HTTP listener within the caps in total and per client address, and gives each
 * admitted connection its request deadlines ({@link RequestDeadlines}). A refused connection is closed before any
 * byte of it is read; every refusal is counted and logged at a limited rate.
 */
final class ConnectionGuard implements ChannelPipelineConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final RateLimitedLog REFUSALS = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    /** Closes a refused connection as soon as it is active, before anything of it is read or answered. */
    private static final ChannelHandler CLOSE_WHEN_ACTIVE = new RefusedConnection();

    private final int maxConnections;
    private final int maxPerAddress;
    private final long headerTimeoutNanos;
    private final long bodyTimeoutNanos;
    private final int maxHeaders;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Map<HttpRefusal, Counter> refusals = new EnumMap<>(HttpRefusal.class);

    ConnectionGuard(Settings http, MeterRegistry registry) {
        this.maxConnections = http.get(HttpListenerConfig.MAX_CONNECTIONS);
        this.maxPerAddress = http.get(HttpListenerConfig.MAX_CONNECTIONS_PER_ADDRESS);
        this.headerTimeoutNanos = http.get(HttpListenerConfig.HEADER_TIMEOUT).toNanos();
        this.bodyTimeoutNanos = http.get(HttpListenerConfig.BODY_TIMEOUT).toNanos();
        this.maxHeaders = http.get(HttpListenerConfig.MAX_HEADERS);
        for (HttpRefusal reason : HttpRefusal.values()) {
            refusals.put(reason, Counter.builder("tributary.http.refused").tag("reason", reason.tag())
                    .description("connections and requests the shared HTTP listener refused").register(registry));
        }
        Gauge.builder("tributary.http.connections", open, AtomicInteger::get)
                .description("connections open on the shared HTTP listener").register(registry);
    }

    @Override
    public void onChannelInit(ConnectionObserver observer, Channel channel, SocketAddress remoteAddress) {
        // The configurer's address argument is not set for accepted connections; the channel knows its peer.
        SocketAddress peer = remoteAddress != null ? remoteAddress : channel.remoteAddress();
        InetAddress address = peer instanceof InetSocketAddress socket ? socket.getAddress() : null;
        HttpRefusal refusal = admit(address);
        if (refusal != null) {
            refuse(refusal, address);
            channel.pipeline().addFirst("tributary.refused", CLOSE_WHEN_ACTIVE);
            return;
        }
        channel.closeFuture().addListener(closed -> release(address));
        RequestDeadlines deadlines = new RequestDeadlines(headerTimeoutNanos, bodyTimeoutNanos, maxHeaders,
                this::refused);
        channel.pipeline()
                .addBefore(NettyPipeline.HttpCodec, "tributary.requestStart", deadlines.requestStart())
                .addAfter(NettyPipeline.HttpCodec, "tributary.requestCheck", deadlines.requestCheck());
    }

    @ChannelHandler.Sharable
    private static final class RefusedConnection extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Counts the connection in; returns why it may not stay, or null. */
    private HttpRefusal admit(InetAddress address) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return HttpRefusal.CONNECTIONS;
        }
        if (address != null) {
            AtomicInteger count = perAddress.computeIfAbsent(address, key -> new AtomicInteger());
            if (count.incrementAndGet() > maxPerAddress) {
                release(address);
                return HttpRefusal.CONNECTIONS_PER_ADDRESS;
            }
        }
        return null;
    }

    private void release(InetAddress address) {
        open.decrementAndGet();
        if (address != null) {
            perAddress.computeIfPresent(address, (key, count) -> count.decrementAndGet() == 0 ? null : count);
        }
    }

    private void refused(HttpRefusal reason, Channel channel) {
        SocketAddress remote = channel.remoteAddress();
        refuse(reason, remote instanceof InetSocketAddress socket ? socket.getAddress() : null);
    }

    private void refuse(HttpRefusal reason, InetAddress address) {
        refusals.get(reason).increment();
        REFUSALS.warn("HTTP listener refused {}: {}", address == null ? "a client" : address.getHostAddress(),
                reason.tag());
    }
}
