package io.tributary.pnp.store;

/**
 * The outcome of one step as stored.
 *
 * @param step the step's index in its rule, from 0
 * @param service the service id, e.g. {@code image-install}
 * @param success whether it succeeded
 * @param errorCode the agent's error code, e.g. {@code PnP Service Error 1806}, or {@code null}
 * @param errorMessage the agent's error message, or {@code null}
 * @param atMillis when the result arrived, in epoch milliseconds of the provisioner's clock
 */
public record StepResult(int step, String service, boolean success, String errorCode, String errorMessage,
                         long atMillis) {
}
