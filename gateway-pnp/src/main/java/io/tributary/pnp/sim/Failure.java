package io.tributary.pnp.sim;

import io.tributary.pnp.message.Service;

/**
 * Failure injection for a simulated agent: the first {@code times} requests of a service fail with an error code.
 *
 * @param service the service that fails
 * @param times how many requests of it fail before it succeeds
 * @param code the error number, e.g. 1806 (invalid image format)
 * @param message the error message
 */
public record Failure(Service service, int times, int code, String message) {
}
