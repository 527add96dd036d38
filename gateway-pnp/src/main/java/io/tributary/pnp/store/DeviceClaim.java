package io.tributary.pnp.store;

import java.util.Map;
import java.util.Objects;

/**
 * An operator's claim of a device: the rule it follows from its next work request on, whatever rule the plan would
 * pick for it, with template variables of its own. Stored beside the device records, so it survives restarts.
 *
 * @param serial the device's serial number
 * @param rule the name of the claimed rule, one of the plan's rules
 * @param variables template variables for this device, over the plan's and the rule's
 * @param claimedBy who claimed it, e.g. the admin user's name
 * @param atMillis when, in epoch milliseconds of the provisioner's clock
 */
public record DeviceClaim(String serial, String rule, Map<String, String> variables, String claimedBy,
                          long atMillis) {

    /** Checks the key and the rule and copies the variables. */
    public DeviceClaim {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(rule, "rule");
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }
}
