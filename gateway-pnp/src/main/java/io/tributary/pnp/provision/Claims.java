package io.tributary.pnp.provision;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.tributary.pnp.store.DeviceClaim;
import io.tributary.pnp.store.DeviceRecord;
import io.tributary.pnp.store.DeviceState;
import io.tributary.pnp.store.DeviceStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The operator's side of provisioning: claiming a device for one of the plan's rules (stored, so it survives
 * restarts; the {@link Provisioner} consults it at the device's next work request, where the device starts that
 * rule from its first step), retrying a failed device, and each device's progress. Nothing here talks to a device:
 * a device only ever hears from the server when it asks for work.
 */
public final class Claims {

    /** The name of the rule devices follow when no rule names them and nobody claimed them. */
    public static final String UNKNOWN_DEVICES = "unknown-devices";

    private final ProvisioningPlan plan;
    private final DeviceStore store;
    private final ProvisioningEvents events;
    private final Scheduler clock;

    /**
     * @param plan the rules a claim may name
     * @param store where devices and claims live
     * @param events told of each device a claim or retry changes
     * @param clock whose {@code now()} dates claims
     */
    public Claims(ProvisioningPlan plan, DeviceStore store, ProvisioningEvents events, Scheduler clock) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.store = Objects.requireNonNull(store, "store");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Claims a device for a rule: the claim is stored and the device's record starts that rule from its first step,
     * which it is sent at its next work request (a parked device asks when its backoff ends).
     *
     * @param serial the device's serial
     * @param rule the name of one of the plan's rules
     * @param variables template variables for this device, over the plan's and the rule's
     * @param claimedBy who claims it, for the record
     * @return the device's record after the claim, or {@link ClaimRefusedException} (unknown device or rule)
     */
    public Mono<DeviceRecord> claim(String serial, String rule, Map<String, String> variables, String claimedBy) {
        return Mono.fromCallable(() -> {
            if (!store.contains(serial)) {
                throw new ClaimRefusedException(ClaimRefusedException.Reason.UNKNOWN_DEVICE,
                        "no device " + serial + " has contacted the server");
            }
            if (plan.rule(rule) == null) {
                throw new ClaimRefusedException(ClaimRefusedException.Reason.UNKNOWN_RULE,
                        "'" + rule + "' is not a configured rule (" + plan.rules().stream().map(Rule::name).toList()
                                + ")");
            }
            store.claim(new DeviceClaim(serial, rule, variables, claimedBy, clock.now(TimeUnit.MILLISECONDS)));
            DeviceRecord device = store.update(serial, current -> current.following(rule));
            events.state(device);
            return device;
        });
    }

    /**
     * Lets a {@link DeviceState#FAILED} device try its failed step again with no failed attempts counted; it is
     * sent the step at its next work request.
     *
     * @param serial the device's serial
     * @return the device's record after the retry, or {@link ClaimRefusedException} (unknown device, not failed)
     */
    public Mono<DeviceRecord> retry(String serial) {
        return Mono.fromCallable(() -> {
            boolean[] failed = new boolean[1];
            DeviceRecord device = store.update(serial, current -> {
                if (current == null || current.state() != DeviceState.FAILED) {
                    return current;
                }
                failed[0] = true;
                return current.restarted();
            });
            if (device == null) {
                throw new ClaimRefusedException(ClaimRefusedException.Reason.UNKNOWN_DEVICE,
                        "no device " + serial + " has contacted the server");
            }
            if (!failed[0]) {
                throw new ClaimRefusedException(ClaimRefusedException.Reason.NOT_FAILED,
                        serial + " is " + device.state() + ", not FAILED");
            }
            events.state(device);
            return device;
        });
    }

    /**
     * @param device a device's record
     * @return its progress: the step count of its rule and its claim
     */
    public DeviceProgress progress(DeviceRecord device) {
        Rule rule = UNKNOWN_DEVICES.equals(device.rule()) ? plan.unknownDevices() : plan.rule(device.rule());
        return new DeviceProgress(device, rule == null ? 0 : rule.steps().size(), store.claimOf(device.serial()));
    }

    /** @return every device's progress, ordered by serial */
    public Flux<DeviceProgress> devices() {
        return store.all().map(this::progress);
    }

    /**
     * The rule a device follows: its claimed rule while that is configured, else the plan's choice.
     *
     * @param serial the device's serial
     * @param planned the rule the plan picks for it
     * @return the rule to follow
     */
    Rule ruleFor(String serial, Rule planned) {
        DeviceClaim claim = store.claimOf(serial);
        Rule claimed = claim == null ? null : plan.rule(claim.rule());
        return claimed == null ? planned : claimed;
    }

    /**
     * @param serial the device's serial
     * @param rule the rule it follows
     * @return the claim's variables when the device follows its claimed rule, else none
     */
    Map<String, String> variables(String serial, Rule rule) {
        DeviceClaim claim = store.claimOf(serial);
        return claim != null && claim.rule().equals(rule.name()) ? claim.variables() : Map.of();
    }
}
