package io.tributary.core.time;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SchedulingClock} whose clock moves only when {@link #advance(Duration)} is called; due tasks then run on the
 * advancing thread in deadline order (ties in scheduling order). For tests and benchmarks. Thread-safe: event-loop
 * threads may schedule and cancel while a test thread advances; tasks run outside the timer's lock.
 */
public final class VirtualClock implements SchedulingClock {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        Task entry = new Task(this, now + Math.max(0, unit.toNanos(delay)), sequence++, task);
        queue.add(entry);
        return entry;
    }

    /**
     * Moves the clock forward, running every task that falls due on the way, including tasks those tasks schedule.
     *
     * @param duration how far to move
     */
    public void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = now + duration.toNanos();
        }
        Task next;
        while ((next = nextDue(target)) != null) {
            next.task.run();
        }
        synchronized (this) {
            now = Math.max(now, target);
        }
    }

    private synchronized Task nextDue(long target) {
        Task next;
        while ((next = queue.peek()) != null && next.deadline <= target) {
            queue.poll();
            now = Math.max(now, next.deadline);
            if (!next.cancelled) {
                next.cancelled = true;
                return next;
            }
        }
        return null;
    }

    /** @return tasks scheduled and neither run nor cancelled */
    public synchronized int pending() {
        int count = 0;
        for (Task task : queue) {
            if (!task.cancelled) {
                count++;
            }
        }
        return count;
    }

    private static final class Task implements Comparable<Task>, Cancellable {
        final VirtualClock timer;
        final long deadline;
        final long order;
        final Runnable task;
        boolean cancelled;

        Task(VirtualClock timer, long deadline, long order, Runnable task) {
            this.timer = timer;
            this.deadline = deadline;
            this.order = order;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            synchronized (timer) {
                if (cancelled) {
                    return false;
                }
                cancelled = true;
                return true;
            }
        }

        @Override
        public int compareTo(Task other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(order, other.order);
        }
    }
}
