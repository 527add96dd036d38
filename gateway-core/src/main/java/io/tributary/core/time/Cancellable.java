package io.tributary.core.time;

/** A task scheduled on a {@link SchedulingClock} that has not run yet, and may be cancelled. */
@FunctionalInterface
public interface Cancellable {

    /**
     * Cancels the task if it has not run.
     *
     * @return whether this call cancelled it
     */
    boolean cancel();
}
