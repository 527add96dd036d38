package io.tributary.bench.coap;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

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
import io.tributary.coap.message.CoapOption;
import org.HdrHistogram.Histogram;

/**
 * A CoAP load generator: many source ports (each a separate peer to the server, so message IDs are never reused
 * within EXCHANGE_LIFETIME during a run), a window of outstanding CON GETs per port, and per-request latency in an
 * HdrHistogram. A request unanswered for 2 s counts as lost and its slot is refilled. Any datagram echoing an
 * outstanding message ID counts as the answer, so a bare UDP echo server can serve as the ceiling.
 */
public final class CoapLoad {

    /** The outcome of one run. */
    public record Result(double requestsPerSecond, double p50Micros, double p99Micros, long lost, long answered) {
        @Override
        public String toString() {
            return String.format("%,.0f req/s, p50 %.0f µs, p99 %.0f µs, lost %d", requestsPerSecond, p50Micros,
                    p99Micros, lost);
        }
    }

    private final InetSocketAddress target;
    private final int ports;
    private final int window;
    private final byte[] pathOptions;

    /**
     * @param target the server
     * @param ports source ports (peers)
     * @param window outstanding CON requests per port
     * @param path the path requested, e.g. {@code /ps/bench}; each segment shorter than 13 bytes
     */
    public CoapLoad(InetSocketAddress target, int ports, int window, String path) {
        this.target = target;
        this.ports = ports;
        this.window = window;
        this.pathOptions = uriPath(path);
    }

    /** The Uri-Path options (11) of a path, encoded: the first with delta 11, the others with delta 0. */
    private static byte[] uriPath(String path) {
        ByteArrayOutputStream options = new ByteArrayOutputStream();
        int delta = CoapOption.URI_PATH;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
            if (bytes.length >= 13) {
                throw new IllegalArgumentException("segment too long for this generator: " + segment);
            }
            options.write(delta << 4 | bytes.length);
            options.writeBytes(bytes);
            delta = 0;
        }
        return options.toByteArray();
    }

    /**
     * Runs the load: warm-up, then measurement.
     *
     * @param warmupMillis warm-up time, not measured
     * @param measureMillis measured time
     * @param threads event loops of the generator
     * @return requests per second and latency of the measured period
     * @throws InterruptedException if interrupted
     */
    public Result run(long warmupMillis, long measureMillis, int threads) throws InterruptedException {
        return run(warmupMillis, measureMillis, threads, () -> { }, () -> { });
    }

    /**
     * Runs the load: warm-up, then measurement, telling the caller when the measured period starts and ends (to
     * sample the server's CPU time over exactly that period).
     *
     * @param warmupMillis warm-up time, not measured
     * @param measureMillis measured time
     * @param threads event loops of the generator
     * @param measuring called when the measured period starts
     * @param measured called when it ends, before the senders stop
     * @return requests per second and latency of the measured period
     * @throws InterruptedException if interrupted
     */
    public Result run(long warmupMillis, long measureMillis, int threads, Runnable measuring, Runnable measured)
            throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        List<Sender> senders = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < ports; i++) {
                Sender sender = new Sender();
                senders.add(sender);
                Channel channel = new Bootstrap().group(group)
                        .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                        .option(ChannelOption.SO_RCVBUF, 4 << 20)
                        .option(ChannelOption.SO_SNDBUF, 4 << 20)
                        .handler(sender)
                        .bind(new InetSocketAddress(target.getAddress(), 0)).sync().channel();
                channels.add(channel);
            }
            for (Sender sender : senders) {
                sender.channel.eventLoop().execute(sender::start);
            }
            Thread.sleep(warmupMillis);
            for (Sender sender : senders) {
                sender.channel.eventLoop().execute(sender::startMeasuring);
            }
            measuring.run();
            long start = System.nanoTime();
            Thread.sleep(measureMillis);
            measured.run();
            for (Sender sender : senders) {
                sender.channel.eventLoop().submit(sender::stopMeasuring).syncUninterruptibly();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram total = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
            long answered = 0;
            long lost = 0;
            for (Sender sender : senders) {
                total.add(sender.latencies);
                answered += sender.answered;
                lost += sender.lostMeasured;
            }
            return new Result(answered / seconds, total.getValueAtPercentile(50), total.getValueAtPercentile(99),
                    lost, answered);
        } finally {
            for (Channel channel : channels) {
                channel.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** One source port with its window of outstanding requests; runs on its channel's event loop. */
    private final class Sender extends SimpleChannelInboundHandler<DatagramPacket> {
        private final long[] sentAt = new long[65536];
        private final ArrayDeque<Integer> outstanding = new ArrayDeque<>();
        private final Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        private Channel channel;
        private int nextId = ThreadLocalRandom.current().nextInt(65536);
        private boolean measuring;
        private long answered;
        private long lostMeasured;
        private final LongAdder sent = new LongAdder();

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        void start() {
            for (int i = 0; i < window; i++) {
                send();
            }
            channel.flush();
            channel.eventLoop().scheduleAtFixedRate(this::sweep, 200, 200, TimeUnit.MILLISECONDS);
        }

        void startMeasuring() {
            latencies.reset();
            answered = 0;
            lostMeasured = 0;
            measuring = true;
        }

        void stopMeasuring() {
            measuring = false;
        }

        private void send() {
            int id = nextId++ & 0xffff;
            ByteBuf request = channel.alloc().directBuffer(6 + pathOptions.length);
            request.writeByte(0x42);                   // version 1, CON, token length 2
            request.writeByte(0x01);                   // GET
            request.writeShort(id);
            request.writeShort(id);                    // token
            request.writeBytes(pathOptions);
            sentAt[id] = System.nanoTime();
            outstanding.add(id);
            sent.increment();
            channel.write(new DatagramPacket(request, target));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            if (content.readableBytes() < 4) {
                return;
            }
            int id = content.getUnsignedShort(content.readerIndex() + 2);
            long at = sentAt[id];
            if (at == 0) {
                return;
            }
            sentAt[id] = 0;
            if (measuring) {
                latencies.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - at),
                        latencies.getHighestTrackableValue()));
                answered++;
            }
            send();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        private void sweep() {
            long now = System.nanoTime();
            Integer oldest;
            while ((oldest = outstanding.peek()) != null) {
                long at = sentAt[oldest];
                if (at == 0) {
                    outstanding.poll();
                } else if (now - at > TimeUnit.SECONDS.toNanos(2)) {
                    outstanding.poll();
                    sentAt[oldest] = 0;
                    if (measuring) {
                        lostMeasured++;
                    }
                    send();
                } else {
                    break;
                }
            }
            channel.flush();
        }
    }

    /**
     * Runs the generator against one server: {@code CoapLoad host port [ports] [window] [seconds] [path]}.
     *
     * @param args host, port, and optionally source ports (64), window per port (4), measured seconds (10), path
     *             ({@code /ps/bench})
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        InetSocketAddress target = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int ports = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        long seconds = args.length > 4 ? Long.parseLong(args[4]) : 10;
        String path = args.length > 5 ? args[5] : "/ps/bench";
        System.out.println(new CoapLoad(target, ports, window, path).run(3000, seconds * 1000, 1));
    }
}
