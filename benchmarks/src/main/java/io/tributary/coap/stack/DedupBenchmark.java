package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.tributary.core.time.VirtualClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deduplication cost per request: look the (peer, message ID) up, then remember it, with 16 or 1,024 peers each at its
 * per-peer cap of 512 entries (so every insert also evicts that peer's oldest entry and reuses its object), as
 * under sustained load. Lives in the stack's package because the deduplicator is internal to it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DedupBenchmark {

    @org.openjdk.jmh.annotations.Param({"16", "1024"})
    int peerCount;

    private Deduplicator dedup;
    private Peer[] peers;
    private int[] nextId;
    private int turn;

    /** Fills the deduplicator to its per-peer caps. */
    @Setup(Level.Trial)
    public void setUp() {
        VirtualClock timer = new VirtualClock();
        TimerWheel wheel = new TimerWheel(timer, TimeUnit.MILLISECONDS.toNanos(1), 4096);
        PeerTable table = new PeerTable(peerCount);
        dedup = new Deduplicator(wheel, table, TimeUnit.SECONDS.toNanos(247), TimeUnit.SECONDS.toNanos(145), 512,
                1_000_000, new LongAdder());
        peers = new Peer[peerCount];
        nextId = new int[peerCount];
        for (int p = 0; p < peerCount; p++) {
            peers[p] = table.acquire(new InetSocketAddress("10.0." + (p >> 8) + "." + (p & 255), 5683));
            for (int id = 0; id < 512; id++) {
                dedup.add(peers[p], id, true);
            }
            nextId[p] = 512;
        }
    }

    /** @return the new entry */
    @Benchmark
    public DedupEntry lookupThenInsert() {
        int p = turn++ & (peerCount - 1);
        Peer peer = peers[p];
        int id = nextId[p]++ & 0xffff;
        DedupEntry seen = dedup.find(peer, id);
        return seen != null ? seen : dedup.add(peer, id, true);
    }
}
