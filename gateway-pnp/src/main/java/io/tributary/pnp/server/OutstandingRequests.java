package io.tributary.pnp.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The request each device owes an answer to, keyed by serial. An agent works one request at a time, so there is
 * at most one per device; a new work request replaces it. Bounded so that a flood of invented serials cannot grow
 * memory without limit: when full, requests unanswered for {@link #STALE_NANOS} (an hour) are dropped first.
 */
final class OutstandingRequests {

    /** An agent that has not answered a request within an hour has given up on it (its own wait is minutes). */
    static final long STALE_NANOS = TimeUnit.HOURS.toNanos(1);

    private final ConcurrentMap<String, ServiceRequestRecord> bySerial = new ConcurrentHashMap<>();
    private final int capacity;

    OutstandingRequests(int capacity) {
        this.capacity = capacity;
    }

    /** @return whether it was recorded; {@code false} when the table is full of other devices' recent requests */
    boolean put(String serial, ServiceRequestRecord record) {
        if (bySerial.size() >= capacity && !bySerial.containsKey(serial)) {
            long now = System.nanoTime();
            bySerial.values().removeIf(old -> now - old.sentAtNanos() > STALE_NANOS);
            if (bySerial.size() >= capacity) {
                return false;
            }
        }
        bySerial.put(serial, record);
        return true;
    }

    ServiceRequestRecord get(String serial) {
        return bySerial.get(serial);
    }

    /** Removes the record only if it is still the given one (a newer work request may have replaced it). */
    boolean complete(String serial, ServiceRequestRecord record) {
        return bySerial.remove(serial, record);
    }

    int size() {
        return bySerial.size();
    }
}
