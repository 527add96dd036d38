package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.tributary.coap.message.CoapMessage;
import io.tributary.core.time.SchedulingClock;

/**
 * A stack's channel for tests and benchmarks: what the stack sends is recorded with the clock's time, or only
 * counted; tasks handed to the loop run at once on the calling thread and are counted. Probes made by one
 * {@link Loops} model several event loops, one running at a time, so a test can see a stack hop to another's loop.
 */
public final class OutboundProbe implements Outbound {

    /**
     * One message the stack sent.
     *
     * @param message the message
     * @param recipient where it went
     * @param atNanos the clock's time when it left
     */
    public record Sent(CoapMessage message, InetSocketAddress recipient, long atNanos) {
        /** @return the time it left, in seconds */
        public double atSeconds() {
            return atNanos / 1e9;
        }
    }

    private final SchedulingClock clock;
    private final Loops loops;
    private final List<Sent> sent = new ArrayList<>();
    private long count;
    private int executed;

    private OutboundProbe(SchedulingClock clock, Loops loops) {
        this.clock = clock;
        this.loops = loops;
    }

    /**
     * @param clock the time sent messages are stamped with
     * @return a probe that keeps every message sent, always on its loop
     */
    public static OutboundProbe recording(SchedulingClock clock) {
        return new OutboundProbe(clock, null);
    }

    /** @return a probe that only counts what is sent (nothing kept: for heap measurements), always on its loop */
    public static OutboundProbe counting() {
        return new OutboundProbe(null, null);
    }

    @Override
    public void send(CoapMessage message, InetSocketAddress recipient) {
        count++;
        if (clock != null) {
            sent.add(new Sent(message, recipient, clock.nanoTime()));
        }
    }

    @Override
    public void execute(Runnable task) {
        executed++;
        if (loops == null) {
            task.run();
        } else {
            loops.run(this, task);
        }
    }

    @Override
    public boolean inEventLoop() {
        return loops == null || loops.running == this;
    }

    /** @return the messages sent, oldest first */
    public List<Sent> sent() {
        return sent;
    }

    /** @return the last message sent */
    public Sent last() {
        return sent.get(sent.size() - 1);
    }

    /** @return the messages sent since the last call, oldest first */
    public List<Sent> take() {
        List<Sent> taken = new ArrayList<>(sent);
        sent.clear();
        return taken;
    }

    /** @return how many messages were sent */
    public long count() {
        return count;
    }

    /** @return how many tasks were handed to this probe's loop from elsewhere */
    public int executed() {
        return executed;
    }

    /** Several event loops, one running at a time on the test thread. */
    public static final class Loops {
        private OutboundProbe running;

        /**
         * @param clock the time sent messages are stamped with
         * @return a recording probe on a loop of its own
         */
        public OutboundProbe probe(SchedulingClock clock) {
            return new OutboundProbe(clock, this);
        }

        /**
         * Runs a task as the probe's loop would.
         *
         * @param probe whose loop runs it
         * @param task the task
         */
        public void run(OutboundProbe probe, Runnable task) {
            OutboundProbe before = running;
            running = probe;
            try {
                task.run();
            } finally {
                running = before;
            }
        }
    }
}
