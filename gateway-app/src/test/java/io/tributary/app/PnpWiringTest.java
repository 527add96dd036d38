package io.tributary.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.tributary.app.config.ConfigException;
import io.tributary.app.config.ConfigLoader;
import io.tributary.app.config.GatewayConfig;
import io.tributary.core.config.Settings;
import io.tributary.pnp.PnpConfig;
import io.tributary.pnp.provision.PlanConfig;
import io.tributary.pnp.message.BackoffRequest;
import io.tributary.pnp.message.CertificateInstallRequest;
import io.tributary.pnp.message.CliConfigRequest;
import io.tributary.pnp.message.CliExecRequest;
import io.tributary.pnp.message.ConfigUpgradeRequest;
import io.tributary.pnp.message.DeviceInfoRequest;
import io.tributary.pnp.message.RedirectionRequest;
import io.tributary.pnp.message.ReloadRequest;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.provision.ProvisioningPlan;
import io.tributary.pnp.provision.Rule;
import io.tributary.pnp.provision.Step;
import io.tributary.pnp.provision.Steps;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PnpWiringTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private Settings load(String yaml) throws IOException, ConfigException {
        return loader.load(Files.writeString(dir.resolve("gw.yaml"), yaml), Map.of());
    }

    @Test
    @DisplayName("by default PnP is on, stores under data/pnp and parks unknown devices after device-info for 1 h")
    void defaults() throws ConfigException {
        Settings pnp = loader.defaultConfig().get(GatewayConfig.PNP);
        assertThat(pnp.get(PnpConfig.ENABLED)).isTrue();
        assertThat(pnp.get(PnpConfig.DATA_DIR)).isEqualTo("data/pnp");
        assertThat(pnp.get(PnpConfig.MAX_BODY)).isEqualTo(256 * 1024);
        assertThat(PnpWiring.adapter(pnp)).isPresent();
        ProvisioningPlan plan = PlanConfig.plan(pnp.get(PnpConfig.PLAN));
        assertThat(plan.rules()).isEmpty();
        Rule unknown = plan.ruleFor(new Udi("X", "", "S"));
        assertThat(unknown.name()).isEqualTo("unknown-devices");
        assertThat(unknown.steps()).containsExactly(Steps.request(new DeviceInfoRequest(DeviceInfoRequest.Type.ALL)));
        assertThat(unknown.finish().backoff()).isEqualTo(Duration.ofHours(1));
        assertThat(plan.retry().maxAttempts()).isEqualTo(3);
    }

    @Test
    @DisplayName("rules with steps of every service map to the provisioning plan")
    void rules() throws Exception {
        Settings config = load("""
                pnp:
                  variables: {domain: example.net}
                  retry: {max-attempts: 5, initial-backoff: 30s}
                  rules:
                    - name: edge
                      serials: [FTX1503AH3V]
                      hostname: edge-1
                      variables: {site: lab}
                      steps:
                        - {service: config-upgrade, template: edge.cfg, apply-to: running, reload: true, reload-delay: 2m}
                        - {service: image-install, image: c2900.bin, destination: "flash:c2900.bin"}
                        - {service: cli-exec, command: show version, max-wait: 100s}
                        - {service: cli-config, commands: [hostname edge-1], action-on-fail: rollback}
                        - {service: cli-config, mode: persist}
                        - {service: capability}
                        - {service: topology}
                        - {service: device-info, type: filesystem}
                        - {service: certificate-install, file: ca.pem, label: corp-ca}
                        - {service: file-transfer, file: banner.txt, destination: "flash:banner.txt"}
                        - {service: backoff, backoff: 10m}
                        - {service: redirection, host: 192.0.2.10, port: 8443}
                        - {service: reload, reason: done, save-config: true}
                      finish: terminate
                    - name: c9300
                      pid-pattern: "C9300-.*"
                      steps: [{service: device-info}]
                      finish: backoff
                      backoff: 2h
                """);
        ProvisioningPlan plan = PlanConfig.plan(config.get(GatewayConfig.PNP).get(PnpConfig.PLAN));
        Rule edge = plan.ruleFor(new Udi("CISCO2921/K9", "", "FTX1503AH3V"));
        assertThat(edge.name()).isEqualTo("edge");
        assertThat(edge.hostname()).isEqualTo("edge-1");
        assertThat(edge.finish().terminate()).isTrue();
        assertThat(edge.steps()).extracting(Step::service).containsExactly(Service.CONFIG_UPGRADE,
                Service.IMAGE_INSTALL, Service.CLI_EXEC, Service.CLI_CONFIG, Service.CLI_CONFIG, Service.CAPABILITY,
                Service.TOPOLOGY, Service.DEVICE_INFO, Service.CERTIFICATE_INSTALL, Service.FILE_TRANSFER,
                Service.BACKOFF, Service.REDIRECTION, Service.RELOAD);
        Steps.ConfigUpgrade upgrade = (Steps.ConfigUpgrade) edge.steps().get(0);
        assertThat(upgrade.applyTo()).isEqualTo(ConfigUpgradeRequest.ApplyTo.RUNNING);
        assertThat(upgrade.reload().delaySeconds()).isEqualTo(120);
        assertThat(((Steps.Fixed) edge.steps().get(2)).request())
                .isEqualTo(new CliExecRequest("show version", Duration.ofSeconds(100), java.util.List.of()));
        assertThat(((CliConfigRequest) ((Steps.Fixed) edge.steps().get(3)).request()).actionOnFail())
                .isEqualTo(CliConfigRequest.ActionOnFail.ROLLBACK);
        assertThat(((Steps.CertificateInstall) edge.steps().get(8)).target())
                .isEqualTo(CertificateInstallRequest.Target.TRUSTPOINT);
        assertThat(((BackoffRequest) ((Steps.Fixed) edge.steps().get(10)).request()).callbackAfter())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(((RedirectionRequest) ((Steps.Fixed) edge.steps().get(11)).request()).primary().port())
                .isEqualTo(8443);
        assertThat(((ReloadRequest) ((Steps.Fixed) edge.steps().get(12)).request()).reload().saveConfig()).isTrue();
        assertThat(plan.ruleFor(new Udi("C9300-24T", "", "X")).finish().backoff()).isEqualTo(Duration.ofHours(2));
        assertThat(plan.retry().maxAttempts()).isEqualTo(5);
        assertThat(plan.retry().initial()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.variables()).containsEntry("domain", "example.net");
    }

    @Test
    @DisplayName("PnP mistakes are refused at load time naming the full key")
    void validation() {
        assertRefused("pnp:\n  rules:\n    - {name: a, steps: [{service: config-upgrade}], finish: terminate}\n",
                "pnp.rules[0].steps[0].template': required for config-upgrade");
        assertRefused("pnp:\n  rules:\n    - {name: a, pid-pattern: \"C9300-(\", finish: terminate}\n",
                "pnp.rules[0].pid-pattern");
        assertRefused("pnp:\n  rules:\n    - {name: a, steps: [{service: teleport}], finish: terminate}\n",
                "teleport");
        assertRefused("pnp:\n  rules:\n    - {name: a, finish: backoff}\n", "pnp.rules[0].backoff");
        assertRefused("pnp:\n  rules:\n    - {name: a, finish: terminate}\n    - {name: a, finish: terminate}\n",
                "pnp.rules[1].name");
        assertRefused("pnp:\n  https: {enabled: true, certificate: /nonexistent.pem, private-key: /x.pem}\n",
                "pnp.https.certificate");
        assertRefused("pnp:\n  retry: {max-backoff: 72h}\n", "pnp.retry.max-backoff");
        assertRefused("pnp:\n  advertised-url: ftp://x\n", "pnp.advertised-url");
        assertRefused("pnp:\n  rules:\n    - {name: a, steps: [{service: image-install, image: ../etc/passwd}],"
                + " finish: terminate}\n", "plain file name");
        assertRefused("pnp:\n  unknown-devices: {finish: sometimes}\n", "unknown-devices.finish");
    }

    private void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    @DisplayName("environment variables switch PnP off or move its data directory; credentials are masked")
    void environment() throws ConfigException {
        Settings off = loader.load(null, Map.of("TRIBUTARY_PNP_ENABLED", "false"));
        assertThat(PnpWiring.adapter(off.get(GatewayConfig.PNP))).isEmpty();
        Settings moved = loader.load(null, Map.of("TRIBUTARY_PNP_DATA_DIR", "/var/lib/tributary/pnp",
                "TRIBUTARY_PNP_CREDENTIALS_USERNAME", "admin", "TRIBUTARY_PNP_CREDENTIALS_PASSWORD", "hunter2"));
        assertThat(moved.get(GatewayConfig.PNP).get(PnpConfig.DATA_DIR)).isEqualTo("/var/lib/tributary/pnp");
        assertThat(moved.get(GatewayConfig.PNP).get(PnpConfig.CREDENTIALS).toString()).contains("admin")
                .doesNotContain("hunter2");
        assertThat(moved.toString()).doesNotContain("hunter2");
    }
}
