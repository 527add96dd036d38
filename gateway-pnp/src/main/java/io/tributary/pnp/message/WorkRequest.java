package io.tributary.pnp.message;

import java.util.Objects;

/**
 * Agent to server on {@code /pnp/WORK-REQUEST}: "any work for me?" ({@code urn:cisco:pnp:work-info} {@code info}).
 *
 * @param deviceId what the agent says about itself
 */
public record WorkRequest(DeviceId deviceId) implements PnpBody {

    /** Checks the device id is present. */
    public WorkRequest {
        Objects.requireNonNull(deviceId, "deviceId");
    }
}
