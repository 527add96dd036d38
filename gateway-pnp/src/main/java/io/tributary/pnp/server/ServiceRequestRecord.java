package io.tributary.pnp.server;

import io.tributary.pnp.message.ServiceRequest;

/**
 * A request the server sent and awaits the answer to.
 *
 * @param correlator the correlator it carried
 * @param request the request
 * @param sentAtNanos when it was sent, from {@link System#nanoTime()}
 */
public record ServiceRequestRecord(String correlator, ServiceRequest request, long sentAtNanos) {
}
