package io.tributary.bench.coap;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.tributary.coap.stack.TimerWheel;
import io.tributary.coap.stack.WheelTask;
import io.tributary.core.time.VirtualClock;
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
 * The retransmission path's timer: arm the retransmission timer of one CON exchange (random initial timeout in
 * [2 s, 3 s], as RFC 7252 §4.8 draws it) and cancel it when its ACK arrives, while 0 or 100,000 other exchanges
 * are in flight on the same wheel. The exchange object is the timer entry, so nothing is allocated.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RetransmissionBenchmark {

    @Param({"0", "100000"})
    int inFlight;

    private TimerWheel wheel;
    private Exchange exchange;
    private long[] timeouts;
    private int next;

    /** An exchange stand-in: like the real ones, it is its own timer entry. */
    static final class Exchange extends WheelTask {
        int retransmissions;

        @Override
        protected void expire() {
            retransmissions++;
        }
    }

    /** Fills the wheel with the other exchanges' timers, spread as real ones would be. */
    @Setup(Level.Trial)
    public void setUp() {
        wheel = new TimerWheel(new VirtualClock(), TimeUnit.MILLISECONDS.toNanos(1), 4096);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < inFlight; i++) {
            wheel.arm(new Exchange(), TimeUnit.MILLISECONDS.toNanos(2000 + random.nextInt(1000)) << random.nextInt(5));
        }
        exchange = new Exchange();
        timeouts = new long[1024];
        for (int i = 0; i < timeouts.length; i++) {
            timeouts[i] = TimeUnit.MILLISECONDS.toNanos(2000 + random.nextInt(1000));
        }
    }

    /** @return whether the cancel found the timer armed */
    @Benchmark
    public boolean armAndCancel() {
        wheel.arm(exchange, timeouts[next++ & 1023]);
        return wheel.cancel(exchange);
    }
}
