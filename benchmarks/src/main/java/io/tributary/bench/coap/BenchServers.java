package io.tributary.bench.coap;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.EventExecutor;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapServer;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import reactor.core.publisher.Mono;

/**
 * The three servers of the side-by-side run, each answering {@code GET /bench} with 2.05 "ok" on 127.0.0.1:
 * {@code tributary} (our CoapServer, defaults), {@code californium} (Californium 3.14, stock configuration) and
 * {@code echo} (a bare Netty UDP echo, the ceiling). Prints {@code READY} once bound; exits 1 if the bind fails.
 * Usage: {@code BenchServers <tributary|californium|echo> <port>}.
 */
public final class BenchServers {

    private BenchServers() {
    }

    /**
     * @param args kind and port
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int port = Integer.parseInt(args[1]);
        try {
            switch (kind) {
                case "tributary":
                    tributary(port);
                    break;
                case "californium":
                    californium(port);
                    break;
                case "echo":
                    echo(port);
                    break;
                default:
                    throw new IllegalArgumentException("unknown server kind " + kind);
            }
        } catch (Exception e) {
            System.out.println("FAILED " + e);
            System.exit(1);
        }
        System.out.println("READY");
        new CountDownLatch(1).await();
    }

    private static void tributary(int port) {
        CoapResponse ok = CoapResponse.content("ok");
        CoapEndpoint endpoint = CoapServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes.get("/bench", request -> Mono.just(ok)))
                .bindNow(Duration.ofSeconds(10));
        System.out.println("tributary: " + endpoint.channelCount() + " x " + endpoint.transport());
    }

    private static void californium(int port) {
        CoapConfig.register();
        UdpConfig.register();
        // Californium's CoapServer shares our class's name: it stays qualified.
        var server = new org.eclipse.californium.core.CoapServer(Configuration.createStandardWithoutFile(), port);
        server.add(new CoapResource("bench") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(CoAP.ResponseCode.CONTENT, "ok", MediaTypeRegistry.TEXT_PLAIN);
            }
        });
        server.start();
    }

    private static void echo(int port) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        int loops = Runtime.getRuntime().availableProcessors();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(loops,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        for (EventExecutor loop : epoll ? group : List.of(group.next())) {
            Bootstrap bootstrap = new Bootstrap().group((EventLoop) loop)
                    .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, 4 << 20)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(epoll ? 2049 * 16 : 2049))
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            ctx.write(new DatagramPacket(packet.content().retain(), packet.sender()));
                        }

                        @Override
                        public void channelReadComplete(ChannelHandlerContext ctx) {
                            ctx.flush();
                        }
                    });
            if (epoll) {
                // The same socket options as our server: SO_REUSEPORT and recvmmsg batches.
                bootstrap.option(EpollChannelOption.SO_REUSEPORT, true)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, 2049);
            }
            bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync();
        }
    }
}
