package io.tributary.pnp.store;

import java.util.List;

/**
 * The answer of {@code GET /pnp/devices/{serial}}: the device and its latest step results.
 *
 * @param device the device
 * @param results its latest step results, oldest first, at most {@link DeviceStore#MAX_RESULTS}
 */
public record DeviceStatus(DeviceRecord device, List<StepResult> results) {
}
