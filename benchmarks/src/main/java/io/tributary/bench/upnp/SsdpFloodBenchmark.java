package io.tributary.bench.upnp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.config.Settings;
import io.tributary.upnp.description.DeviceConfig;
import io.tributary.upnp.description.DeviceDocuments;
import io.tributary.upnp.description.Scpd;
import io.tributary.upnp.description.ServiceDescription;
import io.tributary.upnp.ssdp.RunningSsdp;
import io.tributary.upnp.ssdp.SsdpConfig;
import io.tributary.upnp.ssdp.SsdpServer;
import reactor.netty.resources.LoopResources;

/**
 * M-SEARCH responses per second under a flood: unicast M-SEARCHes (UDA 2.0) from many loopback source addresses
 * (127.0.0.2, 127.0.0.3, …) at the SSDP responder on the loopback interface, as fast as one sender thread can, for a
 * number of seconds; once with the limiter's defaults (20 responses per second per source, 200 in all) and once
 * with it lifted, to show the responder's own ceiling. Reports searches sent and received, responses received per
 * second, and the CPU time of the responder's event loop per received search.
 *
 * <p>Arguments (all optional): seconds per run (5), sources (64), ST (upnp:rootdevice).
 */
public final class SsdpFloodBenchmark {

    private SsdpFloodBenchmark() {
    }

    /**
     * @param args see the class description
     * @throws Exception if a socket fails
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int sources = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        String st = args.length > 2 ? args[2] : "upnp:rootdevice";
        run("limited (defaults: 20/s per source, 200/s in all)", SsdpConfig.defaults(), seconds, sources, st);
        run("limit lifted", SsdpConfig.defaults().with(SsdpConfig.RESPONSE_RATE_PER_SOURCE, 10_000_000)
                .with(SsdpConfig.RESPONSE_RATE, 10_000_000), seconds, sources, st);
    }

    private static void run(String label, Settings limits, int seconds, int sources, String st) throws Exception {
        LoopResources loops = LoopResources.create("ssdp-bench", 1, true);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DeviceDocuments documents = new DeviceDocuments(DeviceConfig.description(DeviceConfig.defaults(),
                "uuid:5a1c0d3e-9b7f-4c2a-8e61-0f2d4b6a8c10", List.of(new ServiceDescription(
                        "urn:tributary-io:service:Topics:1", "urn:tributary-io:serviceId:Topics",
                        "/upnp/scpd/topics.xml", "/upnp/control/topics", "/upnp/event/topics"))),
                Map.of("/upnp/scpd/topics.xml", new Scpd(List.of(), List.of(Scpd.StateVariable.evented("A")))));
        RunningSsdp ssdp = SsdpServer.create(limits.with(SsdpConfig.PORT, 0).with(SsdpConfig.INTERFACES, List.of("lo"))
                        .with(SsdpConfig.MAX_SOURCES, sources * 2))
                .device(documents).http(new InetSocketAddress("127.0.0.1", 8080)).loops(loops)
                .meterRegistry(meters).start().block(Duration.ofSeconds(10));
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", ssdp.port());
        ByteBuffer search = ByteBuffer.wrap(("M-SEARCH * HTTP/1.1\r\nHOST: 127.0.0.1:" + ssdp.port()
                + "\r\nMAN: \"ssdp:discover\"\r\nST: " + st + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        List<DatagramChannel> channels = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0." + (2 + i), 0));
            channel.configureBlocking(false);
            channels.add(channel);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = loopCpu(threads);
        long sent = 0;
        long responses = 0;
        ByteBuffer in = ByteBuffer.allocate(2048);
        long started = System.nanoTime();
        long end = started + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < end) {
            for (DatagramChannel channel : channels) {
                sent += channel.send(search.duplicate(), target) > 0 ? 1 : 0;
                in.clear();
                while (channel.receive(in) != null) {
                    responses++;
                    in.clear();
                }
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Thread.sleep(200);
        for (DatagramChannel channel : channels) {
            in.clear();
            while (channel.receive(in) != null) {
                responses++;
                in.clear();
            }
            channel.close();
        }
        long cpu = loopCpu(threads) - cpuBefore;
        double received = meters.get("tributary.upnp.ssdp.received").tag("type", "search").counter().count();
        double limited = meters.get("tributary.upnp.ssdp.dropped").tag("reason", "rate-limited").counter().count();
        System.out.printf("%s: %d sources, %.1f s: %,d searches sent (%,.0f/s), %,.0f received, %,.0f rate-limited;"
                        + " %,d responses (%,.0f/s); responder CPU %.2f s (%.0f %% of one core), %.2f µs per search%n",
                label, sources, elapsed, sent, sent / elapsed, received, limited, responses, responses / elapsed,
                cpu / 1e9, 100 * cpu / 1e9 / elapsed, received == 0 ? 0 : cpu / 1e3 / received);
        ssdp.stop(Duration.ofSeconds(2)).block(Duration.ofSeconds(10));
        loops.disposeLater().block(Duration.ofSeconds(10));
    }

    /** CPU time of the responder's event-loop threads, in nanoseconds. */
    private static long loopCpu(ThreadMXBean threads) {
        long total = 0;
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith("ssdp-bench")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
