package io.tributary.pnp.provision;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.tributary.pnp.message.Udi;

/**
 * Which devices get which steps: devices by serial, by a PID pattern (whole-PID regular expression), or every
 * device when both are empty (a default rule); then the steps in order and how to finish.
 *
 * @param name a unique name, stored with each device
 * @param serials serial numbers this rule is for
 * @param pidPattern a regular expression the whole PID must match, or {@code null}
 * @param steps the steps, in order
 * @param finish what comes after the last step
 * @param hostname the {@code hostname} template variable for these devices, or {@code null} for the hostname
 *                 the device reports
 * @param variables further template variables
 */
public record Rule(String name, Set<String> serials, Pattern pidPattern, List<Step> steps, Finish finish,
                   String hostname, Map<String, String> variables) {

    /** Checks the name and finish and copies the collections. */
    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(finish, "finish");
        serials = serials == null ? Set.of() : Set.copyOf(serials);
        steps = steps == null ? List.of() : List.copyOf(steps);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /**
     * @param name rule name
     * @param steps the steps
     * @param finish what comes after
     * @return a rule for every device
     */
    public static Rule forAll(String name, List<Step> steps, Finish finish) {
        return new Rule(name, Set.of(), null, steps, finish, null, Map.of());
    }

    /** @return whether this rule names devices by serial */
    public boolean bySerial() {
        return !serials.isEmpty();
    }

    /**
     * @param udi a device's UDI
     * @return whether the rule names its serial or its PID matches the pattern; a default rule matches all
     */
    public boolean matches(Udi udi) {
        if (serials.isEmpty() && pidPattern == null) {
            return true;
        }
        return serials.contains(udi.serial()) || pidPattern != null && pidPattern.matcher(udi.pid()).matches();
    }
}
