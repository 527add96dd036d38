package io.tributary.nats;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.scheduler.Scheduler;

/**
 * Runs a piece of work on a scheduler, never twice at once, and once more whenever it is asked for while running,
 * so a request made from any thread is never lost and never runs the work on the requester's thread.
 */
final class SerialDrain {

    private final Scheduler scheduler;
    private final Runnable work;
    private final AtomicInteger wip = new AtomicInteger();

    /**
     * @param scheduler where the work runs
     * @param work what to do each time
     */
    SerialDrain(Scheduler scheduler, Runnable work) {
        this.scheduler = scheduler;
        this.work = work;
    }

    /** Asks for the work to run (again); returns at once. */
    void request() {
        if (wip.getAndIncrement() == 0) {
            scheduler.schedule(this::loop);
        }
    }

    private void loop() {
        int missed = wip.get();
        for (;;) {
            work.run();
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
