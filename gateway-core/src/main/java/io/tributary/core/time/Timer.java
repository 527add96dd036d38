package io.tributary.core.time;

import java.util.concurrent.TimeUnit;

/**
 * Schedules one-shot tasks; protocol layers use it for retransmissions, expiries and renewals so that tests and
 * benchmarks can drive time with {@link VirtualTimer}. Implementations run tasks on one thread (an event loop).
 */
public interface Timer {

    /** @return the current time of this timer's clock, in nanoseconds, monotonic, arbitrary origin */
    long nanoTime();

    /**
     * Runs a task once after a delay.
     *
     * @param task what to run
     * @param delay how long from now
     * @param unit the delay's unit
     * @return a handle that cancels the task
     */
    Timeout schedule(Runnable task, long delay, TimeUnit unit);

    /** A scheduled task. */
    interface Timeout {
        /**
         * Cancels the task if it has not run.
         *
         * @return whether this call cancelled it
         */
        boolean cancel();
    }
}
