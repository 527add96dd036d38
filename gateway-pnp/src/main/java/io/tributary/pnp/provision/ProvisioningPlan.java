package io.tributary.pnp.provision;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /**
     * @return the plan of {@link PlanConfig}'s defaults: no rules; unknown devices give their device-info and are
     *         parked for an hour; 3 attempts per step, waiting 1 min, then 2 min, at most 30 min
     */
    public static ProvisioningPlan defaults() {
        return PlanConfig.plan(PlanConfig.SECTION.defaults());
    }

    /**
     * @param rules the rules, tried by serial, then by PID pattern, then a rule for every device
     * @return a new plan with these rules and the rest of this one
     */
    public ProvisioningPlan withRules(List<Rule> rules) {
        return new ProvisioningPlan(rules, unknownDevices, retry, variables);
    }

    /**
     * @param name a rule's name
     * @return the rule of {@link #rules()} with that name, or {@code null} (the unknown-devices rule is not one)
     */
    public Rule rule(String name) {
        for (Rule rule : rules) {
            if (rule.name().equals(name)) {
                return rule;
            }
        }
        return null;
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
