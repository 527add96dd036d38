package io.tributary.core.time;

import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/** A {@link SchedulingClock} on a Netty event executor: tasks run on that executor's thread. */
public final class EventLoopClock implements SchedulingClock {

    private final EventExecutor executor;

    /** @param executor the executor (usually a channel's event loop) to run tasks on */
    public EventLoopClock(EventExecutor executor) {
        this.executor = executor;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        ScheduledFuture<?> future = executor.schedule(task, delay, unit);
        return () -> future.cancel(false);
    }
}
