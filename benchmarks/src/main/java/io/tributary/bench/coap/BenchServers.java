package io.tributary.bench.coap;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

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
import io.tributary.coap.ContentFormat;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;

/**
 * The servers of the side-by-side runs on 127.0.0.1: {@code route} (our bare CoapServer with one route, defaults),
 * {@code californium} (Californium 3.14, stock configuration) and {@code californium-peers} (the same with
 * {@code PEERS_MARK_AND_SWEEP} deduplication, its tuned setting) answer {@code GET /ps/bench} with 2.05
 * {@value #VALUE} (text/plain), the value the side-by-side run seeds into the shipped gateway; {@code echo} (a bare
 * Netty UDP echo, the ceiling) sends every datagram back; {@code tributary-block} and {@code californium-block}
 * serve {@code GET /big}, 64 KiB in Block2 blocks. Prints {@code READY} once bound; exits 1 if the bind fails.
 * Usage: {@code BenchServers <route|californium|californium-peers|echo|tributary-block|californium-block> <port>}.
 */
public final class BenchServers {

    /** The value of {@code /ps/bench}. */
    static final String VALUE = "21.5";
    /** The 64 KiB body of {@code GET /big}. */
    static final byte[] BIG = new byte[64 * 1024];

    private BenchServers() {
    }

    /**
     * @param args kind and port
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int port = Integer.parseInt(args[1]);
        // Californium needs its definitions registered before any Configuration is made.
        CoapConfig.register();
        UdpConfig.register();
        try {
            switch (kind) {
                case "route":
                    route(port);
                    break;
                case "californium":
                    californium(port, Configuration.createStandardWithoutFile());
                    break;
                case "californium-peers":
                    californium(port, Configuration.createStandardWithoutFile()
                            .set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP));
                    break;
                case "echo":
                    echo(port);
                    break;
                case "tributary-block":
                    tributaryBlock(port);
                    break;
                case "californium-block":
                    californiumBlock(port);
                    break;
                case "slow-receiver":
                    slowReceiver(port);
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

    private static void route(int port) {
        CoapResponse value = CoapResponse.content(VALUE);
        CoapEndpoint endpoint = CoapServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes.get("/ps/bench", request -> Mono.just(value)))
                .bindNow(Duration.ofSeconds(10));
        System.out.println("tributary: " + endpoint.channelCount() + " x " + endpoint.transport());
    }

    /**
     * GENA callbacks of {@link SlowSubscribers} on every address: each NOTIFY answered 200 after 1 s; {@code GET
     * /count} tells how many were answered.
     */
    private static void slowReceiver(int port) {
        AtomicLong answered = new AtomicLong();
        HttpServer.create().host("0.0.0.0").port(port)
                .route(routes -> routes
                        .get("/count", (request, response) -> response.sendString(Mono.fromSupplier(() ->
                                String.valueOf(answered.get()))))
                        .route(request -> true, (request, response) -> request.receive().then(
                                Mono.delay(SlowSubscribers.ANSWER_DELAY)).then(Mono.defer(() -> {
                                    answered.incrementAndGet();
                                    return response.status(200).header("Content-Length", "0").send();
                                }))))
                .bindNow(Duration.ofSeconds(10));
    }

    /** Ours serving {@code GET /big}: 64 KiB, cut into Block2 blocks of the size the client asks for. */
    private static void tributaryBlock(int port) {
        CoapResponse big = CoapResponse.content(BIG, ContentFormat.OCTET_STREAM);
        CoapEndpoint endpoint = CoapServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes.get("/big", request -> Mono.just(big)))
                .bindNow(Duration.ofSeconds(10));
        System.out.println("tributary: " + endpoint.channelCount() + " x " + endpoint.transport());
    }

    /** Californium serving {@code GET /big} with its block-wise layer, bodies up to 128 KiB allowed. */
    private static void californiumBlock(int port) {
        Configuration configuration = Configuration.createStandardWithoutFile()
                .set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 128 * 1024)
                .set(CoapConfig.PREFERRED_BLOCK_SIZE, 1024)
                .set(CoapConfig.MAX_MESSAGE_SIZE, 1024);
        var server = new org.eclipse.californium.core.CoapServer(configuration, port);
        server.add(new CoapResource("big") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(CoAP.ResponseCode.CONTENT, BIG, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
            }
        });
        server.start();
    }

    private static void californium(int port, Configuration configuration) {
        // Californium's CoapServer shares our class's name: it stays qualified.
        var server = new org.eclipse.californium.core.CoapServer(configuration, port);
        server.add(new CoapResource("ps").add(new CoapResource("bench") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(CoAP.ResponseCode.CONTENT, VALUE, MediaTypeRegistry.TEXT_PLAIN);
            }
        }));
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
