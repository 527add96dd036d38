package io.tributary.bench.coap;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.tributary.coap.stack.DedupFixture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deduplication cost per request: look the (peer, message ID) up, then remember it, with 16 or 1,024 peers each at
 * its per-peer cap of 512 entries (so every insert also evicts that peer's oldest entry and reuses its object), as
 * under sustained load. The deduplicator is internal to the stack: gateway-coap's test-jar fixture reaches it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DedupBenchmark {

    private static final int PER_PEER_CAP = 512;

    @Param({"16", "1024"})
    int peerCount;

    private DedupFixture dedup;
    private int[] nextId;
    private int turn;

    /** Fills the deduplicator to its per-peer caps. */
    @Setup(Level.Trial)
    public void setUp() {
        dedup = new DedupFixture(peerCount, PER_PEER_CAP);
        nextId = new int[peerCount];
        Arrays.fill(nextId, PER_PEER_CAP);
    }

    /** @return the new entry */
    @Benchmark
    public Object lookupThenInsert() {
        int p = turn++ & (peerCount - 1);
        return dedup.lookupThenInsert(p, nextId[p]++ & 0xffff);
    }
}
