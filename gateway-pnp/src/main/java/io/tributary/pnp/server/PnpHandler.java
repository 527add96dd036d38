package io.tributary.pnp.server;

import io.tributary.pnp.message.ServiceRequest;
import reactor.core.publisher.Mono;

/**
 * What a {@link PnpServer} asks its embedder: which service a polling agent gets next, and what to do with the
 * result. Both methods are called on an event loop and must not block; move blocking work off with
 * {@code publishOn}/{@code subscribeOn}.
 */
public interface PnpHandler {

    /**
     * Decides the answer to a work request: any service request, including a {@code BackoffRequest} (poll later)
     * or a terminating one (provisioning over). The server copies the work request's correlator onto it.
     *
     * @param contact the work request ({@code WorkRequest} body) and where it came from
     * @return the request to send; empty means "no work" and is answered with a 15-minute {@code callbackAfter};
     *         a {@link ServerBusyException}, signalled before anything is recorded, is answered 503
     */
    Mono<ServiceRequest> workRequest(PnpContact contact);

    /**
     * Takes in the result of the outstanding request (its correlator already checked) and decides what comes
     * next, which the agent's next work request then gets; the server answers the agent with bye when this
     * completes.
     *
     * @param contact the work response ({@code ServiceResponse} body, or a {@code Fault} when the agent could not
     *                parse the request) and where it came from
     * @param answered the request this response answers
     * @return completes when the result is recorded
     */
    Mono<Void> workResponse(PnpContact contact, ServiceRequestRecord answered);
}
