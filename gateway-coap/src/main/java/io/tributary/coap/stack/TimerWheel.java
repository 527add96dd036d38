package io.tributary.coap.stack;

import java.util.concurrent.TimeUnit;

import io.tributary.core.time.Cancellable;
import io.tributary.core.time.SchedulingClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hashed timing wheel confined to one event loop: tasks are intrusive {@link WheelTask}s linked into the bucket
 * of their deadline, so arm and cancel are O(1) without allocation whatever the number in flight. The wheel ticks
 * through a {@link SchedulingClock} only while it holds tasks; a task fires at the first tick at or after its deadline.
 */
public final class TimerWheel {

    private static final Logger LOG = LoggerFactory.getLogger(TimerWheel.class);

    private final SchedulingClock timer;
    private final long tickNanos;
    private final WheelTask[] heads;
    private final int mask;
    private long processedTick;
    private int size;
    /** The tick the scheduled run is for, or {@code Long.MAX_VALUE} when none is scheduled. */
    private long scheduledTick = Long.MAX_VALUE;
    private Cancellable scheduled;
    private final Runnable tick = this::tick;

    /**
     * @param timer drives the ticks (an event-loop timer, or a virtual one in tests)
     * @param tickNanos tick length in nanoseconds (the timer resolution)
     * @param buckets bucket count, rounded up to a power of two
     */
    public TimerWheel(SchedulingClock timer, long tickNanos, int buckets) {
        this.timer = timer;
        this.tickNanos = tickNanos;
        int count = Integer.highestOneBit(Math.max(2, buckets - 1)) << 1;
        this.heads = new WheelTask[count];
        this.mask = count - 1;
        this.processedTick = timer.nanoTime() / tickNanos;
    }

    /** @return the time of the wheel's clock in nanoseconds */
    public long nanoTime() {
        return timer.nanoTime();
    }

    /** @return tasks armed */
    public int size() {
        return size;
    }

    /**
     * Arms (or re-arms) a task.
     *
     * @param task the task; if already armed it is moved
     * @param delayNanos delay from now, in nanoseconds
     */
    public void arm(WheelTask task, long delayNanos) {
        if (task.armedOn != null) {
            cancel(task);
        }
        long deadline = timer.nanoTime() + Math.max(0, delayNanos);
        task.deadline = deadline;
        // Never link into a tick already processed: such a task would wait a whole rotation.
        long due = Math.max(ceilDiv(deadline, tickNanos), processedTick + 1);
        int bucket = (int) (due & mask);
        WheelTask head = heads[bucket];
        task.next = head;
        task.previous = null;
        if (head != null) {
            head.previous = task;
        }
        heads[bucket] = task;
        task.bucket = bucket;
        task.armedOn = this;
        size++;
        if (due < scheduledTick) {
            // Nothing scheduled, or a run later than this task: the wheel skips idle ticks, so run earlier.
            if (scheduled != null) {
                scheduled.cancel();
            }
            scheduledTick = due;
            scheduled = timer.schedule(tick, Math.max(due * tickNanos - timer.nanoTime(), 0), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Cancels a task if armed on this wheel.
     *
     * @param task the task
     * @return whether it was armed
     */
    public boolean cancel(WheelTask task) {
        if (task.armedOn != this) {
            return false;
        }
        WheelTask previous = task.previous;
        WheelTask next = task.next;
        if (previous != null) {
            previous.next = next;
        } else {
            heads[task.bucket] = next;
        }
        if (next != null) {
            next.previous = previous;
        }
        task.previous = null;
        task.next = null;
        task.armedOn = null;
        size--;
        return true;
    }

    private void tick() {
        long now = timer.nanoTime();
        long nowTick = now / tickNanos;
        // Visit at most one rotation: later ticks of the same buckets are checked by deadline.
        long last = Math.min(nowTick, processedTick + heads.length);
        for (long t = processedTick + 1; t <= last; t++) {
            // Advance first, so a task re-armed from expire() lands in a later tick, never this one.
            processedTick = t;
            expireBucket((int) (t & mask), now);
        }
        processedTick = Math.max(processedTick, nowTick);
        if (size > 0) {
            scheduledTick = nowTick + 1;
            scheduled = timer.schedule(tick, tickNanos - (now % tickNanos), TimeUnit.NANOSECONDS);
        } else {
            scheduledTick = Long.MAX_VALUE;
            scheduled = null;
        }
    }

    private void expireBucket(int bucket, long now) {
        WheelTask task = heads[bucket];
        while (task != null) {
            WheelTask next = task.next;
            if (task.deadline <= now) {
                cancel(task);
                try {
                    task.expire();
                } catch (RuntimeException e) {
                    LOG.warn("timer task {} failed", task, e);
                }
                if (next != null && (next.armedOn != this || next.bucket != bucket)) {
                    // expire() moved or cancelled the next task: start the bucket over.
                    next = heads[bucket];
                }
            }
            task = next;
        }
    }

    private static long ceilDiv(long value, long divisor) {
        return -Math.floorDiv(-value, divisor);
    }
}
