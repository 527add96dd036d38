package io.tributary.bench.coap;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.tributary.coap.message.BlockOption;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapCodec;
import io.tributary.coap.message.CoapFormatException;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;

/**
 * Block-wise GET transfers (RFC 7959) of a 64 KiB value at 1,024-byte blocks, ours and Californium 3.14's
 * server in the same run, each in its own JVM: many source ports, each fetching {@code /big} block by block (a
 * CON GET with Block2 NUM n, the next when the block came; a block unanswered for 2 s is asked again) and
 * starting over when the last block came. Prints completed transfers per second. Usage: {@code java -cp
 * benchmarks.jar io.tributary.bench.coap.BlockTransfers [seconds=10] [ports=32]}; ports 25690-25691.
 */
public final class BlockTransfers {

    private static final int BASE_PORT = 25690;
    private static final int BLOCKS = BenchServers.BIG.length / 1024;

    private BlockTransfers() {
    }

    /**
     * @param args measured seconds, source ports
     * @throws Exception if a server fails to start
     */
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        int ports = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        System.out.printf("Block2 GET of 64 KiB at 1,024-byte blocks: %d s measured after 3 s warm-up, %d source"
                + " ports, %d cores%n", seconds, ports, Runtime.getRuntime().availableProcessors());
        int port = BASE_PORT;
        double[] rates = new double[2];
        String[] kinds = {"tributary-block", "californium-block"};
        for (int k = 0; k < kinds.length; k++) {
            try (ServerProcess server = ServerProcess.start(kinds[k], port, List.of())) {
                rates[k] = run(new InetSocketAddress("127.0.0.1", port), ports, seconds);
                System.out.printf("%-18s %,.0f transfers/s (%,.0f blocks/s)%n", kinds[k], rates[k], rates[k] * BLOCKS);
            }
            port++;
        }
        System.out.printf("tributary / californium: %.2fx%n", rates[0] / rates[1]);
    }

    private static double run(InetSocketAddress target, int ports, long seconds) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        List<Fetcher> fetchers = new ArrayList<>();
        try {
            for (int i = 0; i < ports; i++) {
                Fetcher fetcher = new Fetcher(target);
                fetchers.add(fetcher);
                new Bootstrap().group(group).channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                        .option(ChannelOption.SO_RCVBUF, 4 << 20).handler(fetcher)
                        .bind(new InetSocketAddress(target.getAddress(), 0)).sync();
            }
            fetchers.forEach(fetcher -> fetcher.channel.eventLoop().execute(fetcher::start));
            Thread.sleep(3000);
            long before = fetchers.stream().mapToLong(fetcher -> fetcher.completed).sum();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000);
            long done = fetchers.stream().mapToLong(fetcher -> fetcher.completed).sum() - before;
            return done / ((System.nanoTime() - start) / 1e9);
        } finally {
            fetchers.forEach(fetcher -> fetcher.channel.close());
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** One source port fetching {@code /big} over and over, one block at a time; on its channel's loop. */
    private static final class Fetcher extends SimpleChannelInboundHandler<DatagramPacket> {
        private final InetSocketAddress target;
        private Channel channel;
        private int messageId = ThreadLocalRandom.current().nextInt(65536);
        private int num;
        private long sentAt;
        volatile long completed;

        Fetcher(InetSocketAddress target) {
            this.target = target;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        void start() {
            send();
            channel.eventLoop().scheduleAtFixedRate(() -> {
                if (System.nanoTime() - sentAt > TimeUnit.SECONDS.toNanos(2)) {
                    send();
                }
            }, 500, 500, TimeUnit.MILLISECONDS);
        }

        private void send() {
            messageId = (messageId + 1) & 0xffff;
            CoapMessage get = CoapMessage.builder(CoapType.CON, CoapCode.GET).messageId(messageId)
                    .token(new byte[] {(byte) (messageId >> 8), (byte) messageId})
                    .options(CoapOptions.builder().uriPath("/big")
                            .add(CoapOption.BLOCK2, new BlockOption(num, false, 6).encode()).build()).build();
            ByteBuf buffer = channel.alloc().ioBuffer(CoapCodec.maxEncodedSize(get));
            CoapCodec.encode(get, buffer);
            sentAt = System.nanoTime();
            channel.writeAndFlush(new DatagramPacket(buffer, target), channel.voidPromise());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) throws CoapFormatException {
            CoapMessage response = CoapCodec.decode(packet.content());
            BlockOption block = BlockOption.of(response.options(), CoapOption.BLOCK2);
            if (response.messageId() != messageId || block == null || block.num() != num) {
                return;
            }
            if (block.more()) {
                num++;
            } else {
                num = 0;
                completed++;
            }
            send();
        }
    }
}
