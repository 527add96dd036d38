package io.tributary.core.time;

import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;

/**
 * A Reactor {@link Scheduler} on a {@link SchedulingClock}: time-based operators given it ({@code Mono.delay},
 * {@code timeout}, {@code retryWhen(Retry.backoff(...).scheduler(...))}) take their time from the clock and run
 * their timers on the clock's thread, so a {@code VirtualClock} drives them in tests. Tasks without delay are
 * scheduled with delay 0, which a virtual clock runs on its next advance. Periodic tasks are not supported.
 */
public final class ClockScheduler implements Scheduler {

    private final SchedulingClock clock;

    /** @param clock the clock whose time and timers to use */
    public ClockScheduler(SchedulingClock clock) {
        this.clock = clock;
    }

    @Override
    public Disposable schedule(Runnable task) {
        return schedule(task, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        Cancellable scheduled = clock.schedule(task, delay, unit);
        return scheduled::cancel;
    }

    @Override
    public long now(TimeUnit unit) {
        return unit.convert(clock.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Worker createWorker() {
        return new ClockWorker();
    }

    /** Tasks of one worker, all cancelled when it is disposed. */
    private final class ClockWorker implements Worker {
        private final Disposable.Composite tasks = Disposables.composite();

        @Override
        public Disposable schedule(Runnable task) {
            return schedule(task, 0, TimeUnit.NANOSECONDS);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            WorkerTask entry = new WorkerTask(task, tasks);
            if (!tasks.add(entry)) {
                throw Exceptions.failWithRejected();
            }
            entry.scheduled = clock.schedule(entry, delay, unit);
            return entry;
        }

        @Override
        public void dispose() {
            tasks.dispose();
        }

        @Override
        public boolean isDisposed() {
            return tasks.isDisposed();
        }
    }

    /** One task of a worker: runs unless disposed first, and leaves the worker's set either way. */
    private static final class WorkerTask implements Runnable, Disposable {
        private final Runnable task;
        private final Disposable.Composite owner;
        private volatile Cancellable scheduled;
        private volatile boolean disposed;

        WorkerTask(Runnable task, Disposable.Composite owner) {
            this.task = task;
            this.owner = owner;
        }

        @Override
        public void run() {
            owner.remove(this);
            if (!disposed) {
                disposed = true;
                task.run();
            }
        }

        @Override
        public void dispose() {
            disposed = true;
            owner.remove(this);
            Cancellable handle = scheduled;
            if (handle != null) {
                handle.cancel();
            }
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }
}
