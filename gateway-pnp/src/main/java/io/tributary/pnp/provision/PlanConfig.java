package io.tributary.pnp.provision;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.tributary.core.config.ScalarType;
import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;
import io.tributary.pnp.message.DeviceInfoRequest;
import io.tributary.pnp.message.Service;

/**
 * The provisioning plan as configured: retries, template variables, rules and the rule for unknown devices.
 * {@link #plan(Settings)} turns the values into a {@link ProvisioningPlan}.
 */
public final class PlanConfig {

    /** How a rule ends. */
    public enum FinishKind {
        /** Provisioning over: the agent removes its PnP profile. */
        TERMINATE,
        /** Park the device: it polls again after the backoff, and gets the same backoff. */
        BACKOFF
    }

    private static final ScalarType<Pattern> REGEX = ValueTypes.scalar("regular expression", Pattern.class,
            Pattern::compile, Pattern::pattern);

    /** Retries of a failed step. */
    public static final Section RETRY_SECTION = Section.create("retry", "A failed step waits initial-backoff, then"
            + " backoff-multiplier times longer each time, at most max-backoff; after max-attempts failures the"
            + " device is marked failed (and told to back off max-backoff).");
    /** Attempts of a step before the device fails. */
    public static final Setting<Integer> MAX_ATTEMPTS = RETRY_SECTION.define("max-attempts",
            ValueTypes.integer().atLeast(1), 3, "Attempts of one step before the device is marked failed.");
    /** First wait. */
    public static final Setting<Duration> INITIAL_BACKOFF = RETRY_SECTION.define("initial-backoff",
            StepConfig.CALLBACK, Duration.ofMinutes(1), "Wait after the first failure.");
    /** Longest wait. */
    public static final Setting<Duration> MAX_BACKOFF = RETRY_SECTION.define("max-backoff", StepConfig.CALLBACK,
            Duration.ofMinutes(30), "Longest wait, and the backoff a failed device gets.");
    /** Growth per failure. */
    public static final Setting<Double> BACKOFF_MULTIPLIER = RETRY_SECTION.define("backoff-multiplier",
            ValueTypes.real().atLeast(1.0), 2.0, "Growth of the wait per failure.");

    static {
        RETRY_SECTION.check(MAX_BACKOFF, s -> s.get(MAX_BACKOFF).compareTo(s.get(INITIAL_BACKOFF)) < 0
                ? "must not be shorter than initial-backoff" : null);
    }

    /** One rule. */
    public static final Section RULE = Section.create("rule", "Which devices get which steps, and how they end.");
    /** Its name. */
    public static final Setting<String> RULE_NAME = RULE.required("name", ValueTypes.nonBlankText(),
            "Unique name, stored with each device.");
    /** Serial numbers. */
    public static final Setting<List<String>> RULE_SERIALS = RULE.define("serials",
            ValueTypes.listOf(ValueTypes.nonBlankText()), List.of(), "Serial numbers this rule is for.");
    /** PID pattern. */
    public static final Setting<Pattern> RULE_PID_PATTERN = RULE.optional("pid-pattern", REGEX,
            "Regular expression the whole PID must match.");
    /** The hostname variable. */
    public static final Setting<String> RULE_HOSTNAME = RULE.optional("hostname", ValueTypes.nonBlankText(),
            "The hostname template variable; unset: the hostname the device reports.");
    /** Further template variables. */
    public static final Setting<Map<String, String>> RULE_VARIABLES = RULE.define("variables",
            ValueTypes.mapOf(ValueTypes.text()), Map.of(), "Further template variables.");
    /** The steps. */
    public static final Setting<List<Settings>> RULE_STEPS = RULE.define("steps",
            ValueTypes.listOf(ValueTypes.section(StepConfig.SECTION)), List.of(), "The steps, in order.");
    /** How the rule ends. */
    public static final Setting<FinishKind> RULE_FINISH = RULE.required("finish", ValueTypes.choice(FinishKind.class),
            "terminate (provisioning over) or backoff (the device is parked).");
    /** The parking backoff. */
    public static final Setting<Duration> RULE_BACKOFF = RULE.optional("backoff", StepConfig.CALLBACK,
            "For finish backoff: how long the device waits between polls.");

    static {
        RULE.check(RULE_BACKOFF, PlanConfig::finishBackoff);
    }

    /** The rule for devices no other rule names. */
    public static final Section UNKNOWN_SECTION = Section.create("unknown-devices", "Devices no rule names: by"
            + " default collect their inventory, then park them.");
    /** Its steps. */
    public static final Setting<List<Settings>> UNKNOWN_STEPS = UNKNOWN_SECTION.define("steps",
            ValueTypes.listOf(ValueTypes.section(StepConfig.SECTION)),
            List.of(StepConfig.SECTION.defaults().with(StepConfig.SERVICE, Service.DEVICE_INFO)
                    .with(StepConfig.TYPE, DeviceInfoRequest.Type.ALL)),
            "The steps, in order.");
    /** How it ends. */
    public static final Setting<FinishKind> UNKNOWN_FINISH = UNKNOWN_SECTION.define("finish",
            ValueTypes.choice(FinishKind.class), FinishKind.BACKOFF, "terminate or backoff.");
    /** The parking backoff. */
    public static final Setting<Duration> UNKNOWN_BACKOFF = UNKNOWN_SECTION.define("backoff", StepConfig.CALLBACK,
            Duration.ofHours(1), "For finish backoff: how long the device waits between polls.");

    /** The plan, written at the level of the {@code pnp} section. */
    public static final Section SECTION = Section.create("provisioning", "The provisioning plan.");
    /** Retries. */
    public static final Setting<Settings> RETRY = SECTION.section(RETRY_SECTION);
    /** Template variables for every device. */
    public static final Setting<Map<String, String>> VARIABLES = SECTION.define("variables",
            ValueTypes.mapOf(ValueTypes.text()), Map.of(),
            "Template variables for every device; serial, pid, vid, udi and hostname are always set.");
    /** The rules. */
    public static final Setting<List<Settings>> RULES = SECTION.define("rules",
            ValueTypes.listOf(ValueTypes.section(RULE)), List.of(), "Rules, tried by serial, then by pid-pattern,"
                    + " then a rule with neither. A step's service picks its keys (see docs/pnp.md), e.g.\n"
                    + "- name: branch-routers\n"
                    + "  pid-pattern: \"ISR4.*\"\n"
                    + "  variables: {site: lab}\n"
                    + "  steps:\n"
                    + "    - {service: config-upgrade, template: branch.cfg, apply-to: startup}\n"
                    + "    - {service: image-install, image: isr4300.bin, destination: \"flash:isr4300.bin\","
                    + " reload: true}\n"
                    + "  finish: terminate");
    /** Devices no rule names. */
    public static final Setting<Settings> UNKNOWN_DEVICES = SECTION.section(UNKNOWN_SECTION);

    static {
        SECTION.check(RULES, s -> {
            Set<String> names = new HashSet<>();
            List<Settings> rules = s.get(RULES);
            for (int i = 0; i < rules.size(); i++) {
                String name = rules.get(i).get(RULE_NAME);
                if (!names.add(name) || "unknown-devices".equals(name)) {
                    return "[" + i + "].name: '" + name + "' is used twice or reserved";
                }
            }
            return null;
        });
    }

    private PlanConfig() {
    }

    private static String finishBackoff(Settings rule) {
        return rule.get(RULE_FINISH) == FinishKind.BACKOFF && rule.find(RULE_BACKOFF).isEmpty()
                ? "required for finish backoff" : null;
    }

    /**
     * @param plan values of {@link #SECTION}, checked
     * @return the provisioning plan they describe
     */
    public static ProvisioningPlan plan(Settings plan) {
        List<Rule> rules = plan.get(RULES).stream().map(rule -> new Rule(rule.get(RULE_NAME),
                Set.copyOf(rule.get(RULE_SERIALS)), rule.get(RULE_PID_PATTERN), steps(rule.get(RULE_STEPS)),
                finish(rule.get(RULE_FINISH), rule.get(RULE_BACKOFF)), rule.get(RULE_HOSTNAME),
                rule.get(RULE_VARIABLES))).toList();
        Settings unknown = plan.get(UNKNOWN_DEVICES);
        Rule unknownRule = Rule.forAll("unknown-devices", steps(unknown.get(UNKNOWN_STEPS)),
                finish(unknown.get(UNKNOWN_FINISH), unknown.get(UNKNOWN_BACKOFF)));
        Settings retry = plan.get(RETRY);
        return new ProvisioningPlan(rules, unknownRule, new RetryPolicy(retry.get(MAX_ATTEMPTS),
                retry.get(INITIAL_BACKOFF), retry.get(MAX_BACKOFF), retry.get(BACKOFF_MULTIPLIER)),
                plan.get(VARIABLES));
    }

    private static List<Step> steps(List<Settings> steps) {
        return steps.stream().map(StepConfig::step).toList();
    }

    private static Finish finish(FinishKind kind, Duration backoff) {
        return kind == FinishKind.TERMINATE ? Finish.terminateProvisioning() : Finish.backoff(backoff);
    }
}
