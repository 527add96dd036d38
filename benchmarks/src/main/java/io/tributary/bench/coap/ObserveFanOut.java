package io.tributary.bench.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.tributary.coap.CoapConfig;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapServer;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapCodec;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.stack.StackConfig;
import io.tributary.core.config.Settings;
import reactor.core.publisher.Sinks;

/**
 * Notification fan-out (RFC 7641): one state change of a resource with 10,000 NON observers spread over 64 client
 * sockets, as notifications per second received, side by side with a bare Netty loop sending the same datagrams
 * from the same number of sockets (the ceiling); a warm-up round first, each change waited for until all its
 * datagrams arrived or none for 200 ms (loopback drops a few under bursts; only what arrived counts). Usage: {@code java -cp benchmarks.jar
 * io.tributary.bench.coap.ObserveFanOut [observers=10000] [sockets=64] [changes=40] [rounds=3]}; ports 25700-25701.
 */
public final class ObserveFanOut {

    private static final int PORT = 25700;
    private static final int CEILING_PORT = 25701;

    private ObserveFanOut() {
    }

    /**
     * @param args observers, client sockets, changes per round, rounds
     * @throws Exception if a bind fails
     */
    public static void main(String[] args) throws Exception {
        int observers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int sockets = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int changes = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        boolean epoll = Epoll.isAvailable();
        int cores = Runtime.getRuntime().availableProcessors();
        EventLoopGroup clientLoops = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Settings config = CoapConfig.defaults().with(CoapConfig.PROTOCOL, StackConfig.MAX_OBSERVERS_PER_PEER,
                observers).with(CoapConfig.PROTOCOL, StackConfig.MAX_OBSERVERS, observers);
        Sinks.Many<CoapResponse> states = Sinks.many().replay().latest();
        states.tryEmitNext(CoapResponse.content("value 00000"));
        CoapEndpoint server = CoapServer.create().config(config).host("127.0.0.1").port(PORT)
                .route(routes -> routes.observe("/fan", request -> states.asFlux()))
                .bindNow(Duration.ofSeconds(10));
        Ceiling ceiling = new Ceiling(epoll, cores);
        List<Receiver> receivers = new ArrayList<>();
        try {
            for (int i = 0; i < sockets; i++) {
                receivers.add(new Receiver(clientLoops, epoll));
            }
            register(receivers, observers);
            System.out.printf("CoAP observe fan-out: %,d NON observers over %d sockets, %d changes per round,"
                    + " server %d x %s, %d cores%n", observers, sockets, changes, server.channelCount(),
                    server.transport(), cores);
            double[] ours = new double[rounds];
            double[] bare = new double[rounds];
            int value = 1;
            for (int round = -1; round < rounds; round++) {
                long start = System.nanoTime();
                long before = total(receivers);
                long expected = before;
                for (int change = 0; change < changes; change++) {
                    expected += observers;
                    states.tryEmitNext(CoapResponse.content(String.format("value %05d", value++)));
                    await(receivers, expected);
                }
                double rate = (total(receivers) - before) / ((System.nanoTime() - start) / 1e9);
                double ceilingRate = ceiling.run(receivers, observers, changes);
                if (round < 0) {
                    continue;
                }
                ours[round] = rate;
                bare[round] = ceilingRate;
                System.out.printf("round %d: tributary %,.0f notifications/s, bare Netty %,.0f datagrams/s (%.0f %%)%n",
                        round + 1, ours[round], bare[round], 100 * ours[round] / bare[round]);
            }
            Arrays.sort(ours);
            Arrays.sort(bare);
            System.out.printf("median: tributary %,.0f notifications/s, ceiling %,.0f datagrams/s: %.0f %% of the"
                    + " ceiling (goal >= 70 %%); relations %,d, NON notifications %,d%n", ours[rounds / 2],
                    bare[rounds / 2], 100 * ours[rounds / 2] / bare[rounds / 2], server.stats().observeRelations(),
                    server.stats().notifications(false));
            System.out.printf("CON notifications %,d, retransmissions %,d, stack channels holding relations: %s%n",
                    server.stats().notifications(true), server.stats().retransmissions(), server.channelCount());
        } finally {
            receivers.forEach(receiver -> receiver.channel.close());
            ceiling.close();
            server.disposeLater().block(Duration.ofSeconds(10));
            clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Each socket registers its share of the observers with NON GETs, distinct tokens. */
    private static void register(List<Receiver> receivers, int observers) {
        CoapOptions options = CoapOptions.builder().uriPath("/fan").addUint(CoapOption.OBSERVE, 0).build();
        for (int i = 0; i < observers; i++) {
            Receiver receiver = receivers.get(i % receivers.size());
            CoapMessage get = CoapMessage.builder(CoapType.NON, CoapCode.GET).messageId(i & 0xffff)
                    .token(new byte[] {(byte) (i >> 16), (byte) (i >> 8), (byte) i, 7}).options(options).build();
            receiver.send(get, new InetSocketAddress("127.0.0.1", PORT));
            if (i % 256 == 255) {
                await(receivers, i + 1);
            }
        }
        await(receivers, observers);
    }

    private static long total(List<Receiver> receivers) {
        return receivers.stream().mapToLong(receiver -> receiver.received.get()).sum();
    }

    /** Waits until the expected count arrived, or nothing more arrived for 200 ms (loopback drops some). */
    private static void await(List<Receiver> receivers, long expected) {
        long last = total(receivers);
        long quietSince = System.nanoTime();
        while (last < expected && System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(200)) {
            Thread.onSpinWait();
            long now = total(receivers);
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    /** A client socket counting the datagrams it receives. */
    private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        final AtomicLong received = new AtomicLong();
        final Channel channel;

        Receiver(EventLoopGroup loops, boolean epoll) throws InterruptedException {
            this.channel = new Bootstrap().group(loops)
                    .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, 8 << 20)
                    .handler(this).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        }

        void send(CoapMessage message, InetSocketAddress to) {
            ByteBuf buffer = channel.alloc().ioBuffer(CoapCodec.maxEncodedSize(message));
            CoapCodec.encode(message, buffer);
            channel.writeAndFlush(new DatagramPacket(buffer, to));
        }

        /** Counts the datagram; acknowledges a CON notification (§4.5: one in a hundred is CON) as a client does. */
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            received.incrementAndGet();
            ByteBuf content = packet.content();
            if (content.readableBytes() >= 4 && ((content.getByte(content.readerIndex()) >> 4) & 0x3) == 0) {
                ByteBuf ack = ctx.alloc().ioBuffer(4);
                ack.writeByte(0x60).writeByte(0).writeShort(content.getUnsignedShort(content.readerIndex() + 2));
                ctx.writeAndFlush(new DatagramPacket(ack, packet.sender()));
            }
        }
    }

    /**
     * The ceiling: as many sockets as the server has, on as many loops, each writing its share of the same
     * notification datagrams (same size, token and Observe per observer) and flushing once per change.
     */
    private static final class Ceiling {
        private final EventLoopGroup loops;
        private final List<Channel> senders = new ArrayList<>();

        Ceiling(boolean epoll, int cores) throws InterruptedException {
            this.loops = new MultiThreadIoEventLoopGroup(cores,
                    epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
            for (int i = 0; i < cores; i++) {
                Bootstrap bootstrap = new Bootstrap().group(loops.next())
                        .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                        .option(ChannelOption.SO_SNDBUF, 4 << 20)
                        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            }
                        });
                if (epoll) {
                    bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
                }
                senders.add(bootstrap.bind(new InetSocketAddress("127.0.0.1", CEILING_PORT)).sync().channel());
            }
        }

        double run(List<Receiver> receivers, int observers, int changes) {
            long start = System.nanoTime();
            long before = total(receivers);
            long expected = before;
            for (int round = 0; round < changes; round++) {
                int change = round;
                byte[] payload = String.format("value %05d", change).getBytes(StandardCharsets.UTF_8);
                expected += observers;
                for (int s = 0; s < senders.size(); s++) {
                    Channel sender = senders.get(s);
                    int first = s;
                    sender.eventLoop().execute(() -> {
                        for (int i = first; i < observers; i += senders.size()) {
                            CoapMessage notification = CoapMessage.of(CoapType.NON, CoapCode.CONTENT, i & 0xffff,
                                    new byte[] {(byte) (i >> 16), (byte) (i >> 8), (byte) i, 7},
                                    CoapOptions.builder().addUint(CoapOption.OBSERVE, 1000 + change)
                                            .addUint(CoapOption.CONTENT_FORMAT, 0).build(), payload);
                            ByteBuf buffer = sender.alloc().ioBuffer(CoapCodec.maxEncodedSize(notification));
                            CoapCodec.encode(notification, buffer);
                            sender.write(new DatagramPacket(buffer, (InetSocketAddress) receivers
                                    .get(i % receivers.size()).channel.localAddress()), sender.voidPromise());
                        }
                        sender.flush();
                    });
                }
                await(receivers, expected);
            }
            return (total(receivers) - before) / ((System.nanoTime() - start) / 1e9);
        }

        void close() {
            senders.forEach(Channel::close);
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
