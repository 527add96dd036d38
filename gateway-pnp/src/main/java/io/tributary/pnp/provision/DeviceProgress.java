package io.tributary.pnp.provision;

import io.tributary.pnp.store.DeviceClaim;
import io.tributary.pnp.store.DeviceRecord;

/**
 * A device as an operator sees it: its record, how many steps its rule has (so {@code step n of m}), and its claim.
 *
 * @param device the device's record
 * @param steps the number of steps of the rule it follows, 0 when that rule is no longer configured
 * @param claim the operator's claim, or {@code null}
 */
public record DeviceProgress(DeviceRecord device, int steps, DeviceClaim claim) {

    /**
     * @return whether the device is unclaimed: nobody claimed it and it follows the unknown-devices rule (it only
     *         gave its device-info and is parked)
     */
    public boolean unclaimed() {
        return claim == null && Claims.UNKNOWN_DEVICES.equals(device.rule());
    }
}
