package io.tributary.pnp.sim;

import java.time.Duration;

import io.tributary.pnp.message.Service;

/**
 * Something a simulated agent did, in order; tests wait for these instead of sleeping.
 *
 * @param serial the agent's serial
 * @param kind what happened
 * @param service the service involved, or {@code null}
 * @param success for {@link Kind#ANSWERED}: whether the agent reported success
 * @param delay for {@link Kind#WAITING}: how long the agent waits before its next work request
 * @param roundNanos for {@link Kind#ANSWERED}: wall time from sending the work request to receiving the bye
 * @param detail free text (error cause, backoff reason)
 */
public record AgentEvent(String serial, Kind kind, Service service, boolean success, Duration delay, long roundNanos,
                         String detail) {

    /** Kinds of events. */
    public enum Kind {
        /** HELLO answered. */
        HELLO,
        /** A service was performed, answered, and the server said bye. */
        ANSWERED,
        /** The agent waits before polling again (backoff, poll interval after an error). */
        WAITING,
        /** The server terminated provisioning; the agent stops. */
        TERMINATED,
        /** An exchange failed (connection, HTTP status, unreadable reply). */
        ERROR
    }
}
