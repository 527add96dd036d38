package io.tributary.core.log;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;

/**
 * Logs bad input at WARN with its cause, at most once per interval; the lines suppressed in between are counted
 * and reported with the next one, so a flood of garbage datagrams cannot flood the log.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder suppressed = new LongAdder();

    /**
     * @param log where the lines go
     * @param interval at most one WARN line per this interval
     * @param unit the interval's unit
     */
    public RateLimitedLog(Logger log, long interval, TimeUnit unit) {
        this.log = log;
        this.intervalNanos = unit.toNanos(interval);
    }

    /**
     * Logs at WARN unless a line went out within the interval, in which case the line goes to DEBUG and is counted.
     *
     * @param format SLF4J format
     * @param arguments its arguments
     */
    public void warn(String format, Object... arguments) {
        long now = System.nanoTime();
        long due = next.get();
        if ((due != Long.MIN_VALUE && now - due < 0) || !next.compareAndSet(due, now + intervalNanos)) {
            suppressed.increment();
            if (log.isDebugEnabled()) {
                log.debug(format, arguments);
            }
            return;
        }
        long skipped = suppressed.sumThenReset();
        log.warn(skipped == 0 ? format : format + " (" + skipped + " similar lines suppressed)", arguments);
    }
}
