package io.tributary.upnp.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.tributary.core.time.Timer;
import io.tributary.core.time.VirtualTimer;

/**
 * A {@link VirtualTimer} that event-loop threads may schedule on while the test thread advances it: every call is
 * made under one monitor, and due tasks run on the advancing thread.
 */
public final class SharedVirtualTimer implements Timer {

    private final VirtualTimer timer = new VirtualTimer();

    @Override
    public synchronized long nanoTime() {
        return timer.nanoTime();
    }

    @Override
    public synchronized Timeout schedule(Runnable task, long delay, TimeUnit unit) {
        Timeout timeout = timer.schedule(task, delay, unit);
        return () -> {
            synchronized (SharedVirtualTimer.this) {
                return timeout.cancel();
            }
        };
    }

    /** @param duration how far to move the clock, running due tasks on this thread */
    public synchronized void advance(Duration duration) {
        timer.advance(duration);
    }

    /** @return tasks waiting */
    public synchronized int pending() {
        return timer.pending();
    }
}
