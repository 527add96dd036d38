package io.tributary.pnp.provision;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.tributary.pnp.message.DeviceInfoRequest;
import io.tributary.pnp.message.Udi;

/**
 * The whole provisioning configuration: rules tried by serial first, then by PID pattern in order, then the rule
 * for unknown devices; the retry policy; template variables for every device.
 *
 * @param rules serial and PID rules
 * @param unknownDevices the rule for devices no other rule names
 * @param retry retries of failed steps
 * @param variables template variables for every device
 */
public record ProvisioningPlan(List<Rule> rules, Rule unknownDevices, RetryPolicy retry,
                               Map<String, String> variables) {

    /** Checks and copies. */
    public ProvisioningPlan {
        rules = rules == null ? List.of() : List.copyOf(rules);
        Objects.requireNonNull(unknownDevices, "unknownDevices");
        Objects.requireNonNull(retry, "retry");
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /** @return the rule for unknown devices by default: collect device-info, then back off for an hour */
    public static Rule defaultUnknownDevices() {
        return Rule.forAll("unknown-devices", List.of(Steps.request(new DeviceInfoRequest(DeviceInfoRequest.Type.ALL))),
                Finish.backoff(Duration.ofHours(1)));
    }

    /** @return no rules, {@link #defaultUnknownDevices()}, {@link RetryPolicy#defaults()} */
    public static ProvisioningPlan defaults() {
        return new ProvisioningPlan(List.of(), defaultUnknownDevices(), RetryPolicy.defaults(), Map.of());
    }

    /**
     * @param udi a device's UDI
     * @return the rule it follows
     */
    public Rule ruleFor(Udi udi) {
        for (Rule rule : rules) {
            if (rule.bySerial() && rule.serials().contains(udi.serial())) {
                return rule;
            }
        }
        for (Rule rule : rules) {
            if (rule.pidPattern() != null && rule.pidPattern().matcher(udi.pid()).matches()) {
                return rule;
            }
        }
        for (Rule rule : rules) {
            if (!rule.bySerial() && rule.pidPattern() == null) {
                return rule;
            }
        }
        return unknownDevices;
    }
}
