package io.tributary.core.time;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Timer} whose clock moves only when {@link #advance(Duration)} is called; due tasks then run on the
 * caller's thread in deadline order (ties in scheduling order). For tests and benchmarks; not thread-safe.
 */
public final class VirtualTimer implements Timer {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Timeout schedule(Runnable task, long delay, TimeUnit unit) {
        Task entry = new Task(now + Math.max(0, unit.toNanos(delay)), sequence++, task);
        queue.add(entry);
        return entry;
    }

    /**
     * Moves the clock forward, running every task that falls due on the way, including tasks those tasks schedule.
     *
     * @param duration how far to move
     */
    public void advance(Duration duration) {
        long target = now + duration.toNanos();
        Task next;
        while ((next = queue.peek()) != null && next.deadline <= target) {
            queue.poll();
            now = Math.max(now, next.deadline);
            if (!next.cancelled) {
                next.cancelled = true;
                next.task.run();
            }
        }
        now = target;
    }

    /** @return tasks scheduled and neither run nor cancelled */
    public int pending() {
        int count = 0;
        for (Task task : queue) {
            if (!task.cancelled) {
                count++;
            }
        }
        return count;
    }

    private static final class Task implements Comparable<Task>, Timeout {
        final long deadline;
        final long order;
        final Runnable task;
        boolean cancelled;

        Task(long deadline, long order, Runnable task) {
            this.deadline = deadline;
            this.order = order;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public int compareTo(Task other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(order, other.order);
        }
    }
}
