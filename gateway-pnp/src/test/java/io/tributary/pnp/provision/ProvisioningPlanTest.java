package io.tributary.pnp.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.tributary.pnp.message.Udi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProvisioningPlanTest {

    private final Rule bySerial = new Rule("one", Set.of("S1"), null, List.of(), Finish.terminateProvisioning(),
            null, Map.of());
    private final Rule byPid = new Rule("c9300", Set.of(), Pattern.compile("C9300-.*"), List.of(),
            Finish.terminateProvisioning(), null, Map.of());
    private final Rule fallback = Rule.forAll("default", List.of(), Finish.backoff(Duration.ofMinutes(5)));

    @Test
    @DisplayName("rules are tried by serial, then by PID pattern, then the default rule, then unknown devices")
    void ruleOrder() {
        ProvisioningPlan plan = ProvisioningPlan.defaults().withRules(List.of(fallback, byPid, bySerial));
        assertThat(plan.ruleFor(new Udi("C9300-24T", "", "S1")).name()).isEqualTo("one");
        assertThat(plan.ruleFor(new Udi("C9300-24T", "", "S2")).name()).isEqualTo("c9300");
        assertThat(plan.ruleFor(new Udi("ISR4331", "", "S3")).name()).isEqualTo("default");
        ProvisioningPlan noDefault = ProvisioningPlan.defaults().withRules(List.of(byPid));
        assertThat(noDefault.ruleFor(new Udi("ISR4331", "", "S3")).name()).isEqualTo("unknown-devices");
        assertThat(noDefault.ruleFor(new Udi("XC9300-24T", "", "S3")).name()).as("whole-PID match")
                .isEqualTo("unknown-devices");
    }

    @Test
    @DisplayName("retry waits grow by the multiplier up to the maximum")
    void retryGrowth() {
        RetryPolicy retry = new RetryPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(5), 2.0);
        assertThat(retry.delay(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.delay(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(retry.delay(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(retry.delay(4)).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMinutes(1), Duration.ofMinutes(5), 2.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Finish.backoff(Duration.ofHours(48))).isInstanceOf(IllegalArgumentException.class);
    }
}
