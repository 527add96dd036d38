package io.tributary.pnp.store;

import java.util.Objects;

/**
 * What is known about one device, keyed by serial; immutable, each change a copy. Serialised as JSON, which is
 * also the {@code pnp/<serial>/state} document and the {@code device} part of {@code GET /pnp/devices/{serial}}.
 *
 * @param serial serial number (the key)
 * @param udi the last UDI the device sent
 * @param pid product id
 * @param hostname the last hostname the device reported, or {@code null}
 * @param rule name of the rule the device follows, or {@code null} before its first work request
 * @param state where the device is
 * @param step index of the next step to run (the pending one while {@code pendingCorrelator} is set)
 * @param attempts failed attempts of the current step
 * @param pendingService service of the request awaiting an answer, or {@code null}
 * @param pendingCorrelator correlator of that request, or {@code null}
 * @param pendingIsStep whether that request is a rule step (not a backoff the provisioner added)
 * @param retryAtMillis when the current step may be retried, in epoch milliseconds, or 0
 * @param firstContactMillis first work request, in epoch milliseconds
 * @param lastContactMillis last work request or response, in epoch milliseconds
 * @param lastError the last failure, e.g. {@code image-install: PnP Service Error 1806 Invalid image}, or
 *                  {@code null}
 * @param resultCount how many step results were recorded in all (the store keeps the last
 *                    {@link DeviceStore#MAX_RESULTS})
 * @param lastResult the latest step result, or {@code null}
 */
public record DeviceRecord(String serial, String udi, String pid, String hostname, String rule, DeviceState state,
                           int step, int attempts, String pendingService, String pendingCorrelator,
                           boolean pendingIsStep, long retryAtMillis, long firstContactMillis,
                           long lastContactMillis, String lastError, int resultCount, StepResult lastResult) {

    /** Checks the key. */
    public DeviceRecord {
        Objects.requireNonNull(serial, "serial");
        state = state == null ? DeviceState.NEW : state;
    }

    /**
     * @param serial the serial
     * @param udi the UDI text
     * @param pid the product id
     * @param nowMillis first contact time
     * @return a record for a device seen for the first time
     */
    public static DeviceRecord first(String serial, String udi, String pid, long nowMillis) {
        return new DeviceRecord(serial, udi, pid, null, null, DeviceState.NEW, 0, 0, null, null, false, 0,
                nowMillis, nowMillis, null, 0, null);
    }

    /** @return a copy seen now with this UDI and hostname */
    public DeviceRecord contacted(String newUdi, String newPid, String newHostname, long nowMillis) {
        return new DeviceRecord(serial, newUdi, newPid, newHostname == null ? hostname : newHostname, rule, state,
                step, attempts, pendingService, pendingCorrelator, pendingIsStep, retryAtMillis, firstContactMillis,
                nowMillis, lastError, resultCount, lastResult);
    }

    /** @return a copy following another rule from its first step */
    public DeviceRecord following(String newRule) {
        return new DeviceRecord(serial, udi, pid, hostname, newRule, DeviceState.NEW, 0, 0, null, null, false, 0,
                firstContactMillis, lastContactMillis, null, resultCount, lastResult);
    }

    /** @return a copy of a failed device that tries its failed step again, with no failed attempts counted */
    public DeviceRecord restarted() {
        return new DeviceRecord(serial, udi, pid, hostname, rule, DeviceState.PROVISIONING, step, 0, null, null, false,
                0, firstContactMillis, lastContactMillis, lastError, resultCount, lastResult);
    }

    /** @return a copy awaiting the answer to a request */
    public DeviceRecord pending(String service, String correlator, boolean isStep, DeviceState newState) {
        return new DeviceRecord(serial, udi, pid, hostname, rule, newState, step, attempts, service, correlator,
                isStep, retryAtMillis, firstContactMillis, lastContactMillis, lastError, resultCount, lastResult);
    }

    /**
     * @return a copy with the step's result counted as the latest (the store keeps the result itself) and the
     *         next step, retry or failure decided
     */
    public DeviceRecord answered(StepResult result, DeviceState newState, int newStep, int newAttempts,
                                 long newRetryAt, String newError, long nowMillis) {
        return new DeviceRecord(serial, udi, pid, hostname, rule, newState, newStep, newAttempts, null, null, false,
                newRetryAt, firstContactMillis, nowMillis, newError, resultCount + 1, result);
    }

    /** @return a copy with no request pending (a control request was answered) */
    public DeviceRecord settled(long nowMillis) {
        return new DeviceRecord(serial, udi, pid, hostname, rule, state, step, attempts, null, null, false,
                retryAtMillis, firstContactMillis, nowMillis, lastError, resultCount, lastResult);
    }
}
