package io.tributary.pnp.server;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request each device owes an answer to, keyed by serial. An agent works one request at a time, so there is
 * at most one per device; a new work request replaces it. The table refuses nobody (whether a device is served at
 * all is the handler's decision, taken before anything changes, see {@link ServerBusyException}); it is bounded so
 * that a flood of invented serials cannot grow memory: when full, the request sent longest ago is forgotten, and
 * its answer then gets 400 and the agent repeats the step. Entries are kept in the order they were sent, which is
 * the order they go stale, so the one to forget is always the first: constant time, never a scan.
 */
final class OutstandingRequests {

    // oldest first; a replaced request moves to the end
    private final Map<String, ServiceRequestRecord> bySerial = new LinkedHashMap<>();
    private final int capacity;

    OutstandingRequests(int capacity) {
        this.capacity = capacity;
    }

    /** @return the serial of the device whose request was forgotten to make room, or {@code null} */
    synchronized String put(String serial, ServiceRequestRecord record) {
        bySerial.remove(serial);
        bySerial.put(serial, record);
        if (bySerial.size() <= capacity) {
            return null;
        }
        Iterator<String> oldest = bySerial.keySet().iterator();
        String forgotten = oldest.next();
        oldest.remove();
        return forgotten;
    }

    synchronized ServiceRequestRecord get(String serial) {
        return bySerial.get(serial);
    }

    /** Removes the record only if it is still the given one (a newer work request may have replaced it). */
    synchronized boolean complete(String serial, ServiceRequestRecord record) {
        return bySerial.remove(serial, record);
    }
}
