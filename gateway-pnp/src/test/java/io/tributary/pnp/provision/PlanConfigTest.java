package io.tributary.pnp.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tributary.core.config.ConfigProblem;
import io.tributary.core.config.ScalarType;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.pnp.message.BackoffRequest;
import io.tributary.pnp.message.CapabilityRequest;
import io.tributary.pnp.message.CertificateInstallRequest;
import io.tributary.pnp.message.CliConfigRequest;
import io.tributary.pnp.message.CliExecRequest;
import io.tributary.pnp.message.ConfigUpgradeRequest;
import io.tributary.pnp.message.DeviceInfoRequest;
import io.tributary.pnp.message.RedirectionRequest;
import io.tributary.pnp.message.Reload;
import io.tributary.pnp.message.ReloadRequest;
import io.tributary.pnp.message.ServerAddress;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.TopologyRequest;
import io.tributary.pnp.message.Udi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The provisioning plan as configured: its defaults, how each step's keys map to a request, and its rules. */
class PlanConfigTest {

    /** Values of a section with the given keys set, e.g. {@code values(StepConfig.SECTION, SERVICE, BACKOFF)}. */
    @SuppressWarnings("unchecked")
    private static Settings values(Settings base, Object... keysAndValues) {
        Settings values = base;
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values = values.with((Setting<Object>) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    private static Settings step(Service service, Object... keysAndValues) {
        return values(StepConfig.SECTION.defaults().with(StepConfig.SERVICE, service), keysAndValues);
    }

    private static Settings rule(String name, PlanConfig.FinishKind finish, Object... keysAndValues) {
        return values(PlanConfig.RULE.defaults().with(PlanConfig.RULE_NAME, name).with(PlanConfig.RULE_FINISH, finish),
                keysAndValues);
    }

    private static Settings plan(Settings... rules) {
        return PlanConfig.SECTION.defaults().with(PlanConfig.RULES, List.of(rules));
    }

    private static List<String> problems(Settings values) {
        return values.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    @DisplayName("the default plan: no rules; unknown devices give their device-info (all) and are parked for 1 h;"
            + " 3 attempts, waiting 1 min, then twice as long, at most 30 min")
    void defaults() {
        ProvisioningPlan plan = PlanConfig.plan(PlanConfig.SECTION.defaults());
        assertThat(plan.rules()).isEmpty();
        Rule unknown = plan.ruleFor(new Udi("X", "", "S"));
        assertThat(unknown.name()).isEqualTo("unknown-devices");
        assertThat(unknown.steps()).containsExactly(Steps.request(new DeviceInfoRequest(DeviceInfoRequest.Type.ALL)));
        assertThat(unknown.finish()).isEqualTo(Finish.backoff(Duration.ofHours(1)));
        assertThat(plan.retry()).isEqualTo(new RetryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(30), 2.0));
        assertThat(plan.variables()).isEmpty();
        assertThat(ProvisioningPlan.defaults()).isEqualTo(plan);
    }

    @Test
    @DisplayName("a rule's keys and each service's step keys map to the rule and the request sent")
    void rules() {
        Settings edge = rule("edge", PlanConfig.FinishKind.TERMINATE,
                PlanConfig.RULE_SERIALS, List.of("FTX1503AH3V"), PlanConfig.RULE_HOSTNAME, "edge-1",
                PlanConfig.RULE_VARIABLES, Map.of("site", "lab"),
                PlanConfig.RULE_STEPS, List.of(
                        step(Service.CONFIG_UPGRADE, StepConfig.TEMPLATE, "edge.cfg", StepConfig.APPLY_TO,
                                ConfigUpgradeRequest.ApplyTo.RUNNING, StepConfig.RELOAD, true,
                                StepConfig.RELOAD_DELAY, Duration.ofMinutes(2)),
                        step(Service.IMAGE_INSTALL, StepConfig.IMAGE, "c2900.bin", StepConfig.DESTINATION,
                                "flash:c2900.bin"),
                        step(Service.CLI_EXEC, StepConfig.COMMAND, "show version", StepConfig.MAX_WAIT,
                                Duration.ofSeconds(100)),
                        step(Service.CLI_CONFIG, StepConfig.COMMANDS, List.of("hostname edge-1"),
                                StepConfig.ACTION_ON_FAIL, CliConfigRequest.ActionOnFail.ROLLBACK),
                        step(Service.CLI_CONFIG, StepConfig.MODE, CliConfigRequest.Mode.PERSIST),
                        step(Service.CAPABILITY),
                        step(Service.TOPOLOGY),
                        step(Service.DEVICE_INFO, StepConfig.TYPE, DeviceInfoRequest.Type.FILESYSTEM),
                        step(Service.CERTIFICATE_INSTALL, StepConfig.FILE_SETTING, "ca.pem", StepConfig.LABEL,
                                "corp-ca"),
                        step(Service.FILE_TRANSFER, StepConfig.FILE_SETTING, "banner.txt", StepConfig.DESTINATION,
                                "flash:banner.txt"),
                        step(Service.BACKOFF, StepConfig.BACKOFF, Duration.ofMinutes(10)),
                        step(Service.REDIRECTION, StepConfig.HOST, "192.0.2.10", StepConfig.PORT, 8443),
                        step(Service.RELOAD, StepConfig.REASON, "done", StepConfig.SAVE_CONFIG, true)));
        Settings c9300 = rule("c9300", PlanConfig.FinishKind.BACKOFF,
                PlanConfig.RULE_PID_PATTERN, Pattern.compile("C9300-.*"),
                PlanConfig.RULE_STEPS, List.of(step(Service.DEVICE_INFO)),
                PlanConfig.RULE_BACKOFF, Duration.ofHours(2));
        Settings values = plan(edge, c9300).with(PlanConfig.VARIABLES, Map.of("domain", "example.net"))
                .with(PlanConfig.RETRY, PlanConfig.RETRY_SECTION.defaults().with(PlanConfig.MAX_ATTEMPTS, 5)
                        .with(PlanConfig.INITIAL_BACKOFF, Duration.ofSeconds(30)));
        assertThat(problems(values)).isEmpty();

        ProvisioningPlan plan = PlanConfig.plan(values);
        Rule rule = plan.ruleFor(new Udi("CISCO2921/K9", "", "FTX1503AH3V"));
        assertThat(rule.name()).isEqualTo("edge");
        assertThat(rule.hostname()).isEqualTo("edge-1");
        assertThat(rule.variables()).isEqualTo(Map.of("site", "lab"));
        assertThat(rule.finish()).isEqualTo(Finish.terminateProvisioning());
        assertThat(rule.steps()).containsExactly(
                new Steps.ConfigUpgrade("edge.cfg", ConfigUpgradeRequest.ApplyTo.RUNNING,
                        new Reload("new configuration", 120, "tributary", null)),
                new Steps.ImageInstall("c2900.bin", "flash:c2900.bin", null),
                Steps.request(new CliExecRequest("show version", Duration.ofSeconds(100), List.of())),
                Steps.request(new CliConfigRequest(CliConfigRequest.Mode.APPLY,
                        CliConfigRequest.ActionOnFail.ROLLBACK, List.of("hostname edge-1"))),
                Steps.request(new CliConfigRequest(CliConfigRequest.Mode.PERSIST, null, List.of())),
                Steps.request(new CapabilityRequest()),
                Steps.request(new TopologyRequest()),
                Steps.request(new DeviceInfoRequest(DeviceInfoRequest.Type.FILESYSTEM)),
                new Steps.CertificateInstall(CertificateInstallRequest.Target.TRUSTPOINT, "corp-ca", "ca.pem", null),
                new Steps.FileTransfer("banner.txt", "flash:banner.txt"),
                Steps.request(BackoffRequest.callbackAfter("configured pause", Duration.ofMinutes(10))),
                Steps.request(new RedirectionRequest(null, new ServerAddress("https", "192.0.2.10", 8443), null)),
                Steps.request(new ReloadRequest(new Reload("done", null, "tributary", true))));
        Rule byPid = plan.ruleFor(new Udi("C9300-24T", "", "X"));
        assertThat(byPid.name()).isEqualTo("c9300");
        assertThat(byPid.finish()).isEqualTo(Finish.backoff(Duration.ofHours(2)));
        assertThat(plan.retry()).isEqualTo(new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(30), 2.0));
        assertThat(plan.variables()).isEqualTo(Map.of("domain", "example.net"));
    }

    @Test
    @DisplayName("rules across keys are reported at the key they blame: a service's required keys, finish backoff,"
            + " unique rule names, retry waits in order")
    void rulesAcrossKeys() {
        assertThat(problems(plan(rule("a", PlanConfig.FinishKind.TERMINATE,
                PlanConfig.RULE_STEPS, List.of(step(Service.CONFIG_UPGRADE), step(Service.CLI_CONFIG))))))
                .containsExactly("key 'rules[0].steps[0].template': required for config-upgrade",
                        "key 'rules[0].steps[1].commands': at least one command for cli-config configApply");
        assertThat(problems(plan(rule("a", PlanConfig.FinishKind.BACKOFF))))
                .containsExactly("key 'rules[0].backoff': required for finish backoff");
        assertThat(problems(plan(rule("a", PlanConfig.FinishKind.TERMINATE),
                rule("a", PlanConfig.FinishKind.TERMINATE))))
                .containsExactly("key 'rules[1].name': 'a' is used twice or reserved");
        assertThat(problems(plan(rule("unknown-devices", PlanConfig.FinishKind.TERMINATE))))
                .containsExactly("key 'rules[0].name': 'unknown-devices' is used twice or reserved");
        assertThat(problems(PlanConfig.SECTION.defaults().with(PlanConfig.RETRY,
                PlanConfig.MAX_BACKOFF, Duration.ofSeconds(30))))
                .containsExactly("key 'retry.max-backoff': must not be shorter than initial-backoff");
    }

    @Test
    @DisplayName("values outside a key's type are refused: PnP backoffs below 48 h, plain file names, regular"
            + " expressions, known services and finishes")
    void types() {
        assertThatThrownBy(() -> PlanConfig.RETRY_SECTION.defaults().with(PlanConfig.MAX_BACKOFF,
                Duration.ofHours(72))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-backoff");
        assertThatThrownBy(() -> step(Service.IMAGE_INSTALL, StepConfig.IMAGE, "../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain file name");
        assertThatThrownBy(() -> ((ScalarType<Pattern>) PlanConfig.RULE_PID_PATTERN.type()).parse("C9300-("))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ((ScalarType<Service>) StepConfig.SERVICE.type()).parse("teleport"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teleport");
        assertThatThrownBy(() -> ((ScalarType<PlanConfig.FinishKind>) PlanConfig.UNKNOWN_FINISH.type())
                .parse("sometimes")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sometimes");
    }
}
