package io.tributary.core.time;

import java.util.concurrent.TimeUnit;

/**
 * A clock that also runs one-shot tasks after a delay: protocol layers take their time and their timers
 * (retransmissions, expiries, renewals) from it, so that tests and benchmarks can drive both with a virtual
 * clock. Implementations run tasks on one thread (an event loop).
 */
public interface SchedulingClock {

    /** @return the current time of this clock, in nanoseconds, monotonic, arbitrary origin */
    long nanoTime();

    /**
     * Runs a task once after a delay.
     *
     * @param task what to run
     * @param delay how long from now
     * @param unit the delay's unit
     * @return a handle that cancels the task
     */
    Cancellable schedule(Runnable task, long delay, TimeUnit unit);
}
