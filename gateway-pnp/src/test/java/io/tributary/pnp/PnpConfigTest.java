package io.tributary.pnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.tributary.core.config.ConfigProblem;
import io.tributary.core.config.Settings;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.provision.PlanConfig;
import io.tributary.pnp.provision.StepConfig;
import io.tributary.pnp.server.PnpServerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code pnp} section: its defaults, its rules, and the adapter that takes its values. */
class PnpConfigTest {

    @TempDir
    Path dir;

    private static String problems(Settings values) {
        return String.join("; ", values.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    @DisplayName("by default PnP is on, stores under data/pnp, reads bodies up to 256 KiB, knows 100,000 devices,"
            + " sends no credentials and binds no HTTPS listener")
    void defaults() {
        Settings pnp = PnpConfig.defaults();
        assertThat(pnp.get(PnpConfig.ENABLED)).isTrue();
        assertThat(pnp.get(PnpConfig.DATA_DIR)).isEqualTo("data/pnp");
        assertThat(pnp.find(PnpConfig.FILES_DIR)).isEmpty();
        assertThat(pnp.find(PnpConfig.ADVERTISED_URL)).isEmpty();
        assertThat(pnp.get(PnpConfig.ONE_SHOT_URLS)).isFalse();
        assertThat(pnp.get(PnpConfig.ONE_SHOT_TTL)).isEqualTo(Duration.ofHours(1));
        Settings server = pnp.get(PnpConfig.SERVER);
        assertThat(server).isEqualTo(PnpServerConfig.defaults());
        assertThat(server.get(PnpServerConfig.MAX_BODY)).isEqualTo(262_144);
        assertThat(server.get(PnpServerConfig.MAX_DEVICES)).isEqualTo(100_000);
        assertThat(server.get(PnpServerConfig.CREDENTIALS).find(PnpServerConfig.USERNAME)).isEmpty();
        assertThat(server.get(PnpServerConfig.CREDENTIALS, PnpServerConfig.OVER_HTTP)).isFalse();
        assertThat(pnp.get(PnpConfig.HTTPS, PnpConfig.HTTPS_ENABLED)).isFalse();
        assertThat(pnp.get(PnpConfig.HTTPS, PnpConfig.HTTPS_PORT)).isEqualTo(8443);
        assertThat(pnp.get(PnpConfig.PLAN)).isEqualTo(PlanConfig.SECTION.defaults());
        assertThat(problems(pnp)).isEmpty();
    }

    @Test
    @DisplayName("an HTTPS listener needs a readable certificate and key; file URLs are http:// or https://")
    void rules() throws Exception {
        Settings https = PnpConfig.HTTPS_SECTION.defaults().with(PnpConfig.HTTPS_ENABLED, true);
        assertThat(problems(PnpConfig.defaults().with(PnpConfig.HTTPS, https)))
                .isEqualTo("key 'https.certificate': required when https is enabled;"
                        + " key 'https.private-key': required when https is enabled");
        Path key = Files.writeString(dir.resolve("key.pem"), "key");
        assertThat(problems(PnpConfig.defaults().with(PnpConfig.HTTPS, https
                .with(PnpConfig.CERTIFICATE, "/nonexistent.pem").with(PnpConfig.PRIVATE_KEY, key.toString()))))
                .isEqualTo("key 'https.certificate': '/nonexistent.pem' is not a readable file");
        assertThatThrownBy(() -> PnpConfig.defaults().with(PnpConfig.ADVERTISED_URL, "ftp://x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("advertised-url");
        assertThatThrownBy(() -> PnpConfig.defaults().with(PnpConfig.SERVER, PnpServerConfig.MAX_BODY, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-body");
    }

    @Test
    @DisplayName("the device password is never shown by the settings")
    void passwordMasked() {
        Settings login = PnpServerConfig.CREDENTIALS_SECTION.defaults().with(PnpServerConfig.USERNAME, "admin")
                .with(PnpServerConfig.PASSWORD, "hunter2");
        Settings pnp = PnpConfig.defaults().with(PnpConfig.SERVER, PnpServerConfig.CREDENTIALS, login);
        assertThat(login.toString()).contains("username=admin").contains("password=****").doesNotContain("hunter2");
        assertThat(pnp.toString()).doesNotContain("hunter2");
    }

    @Test
    @DisplayName("the adapter takes pnp settings only, and refuses values that break the section's rules")
    void adapterSettings() {
        assertThat(PnpAdapter.create(PnpConfig.defaults()).name()).isEqualTo("pnp");
        assertThatThrownBy(() -> PnpAdapter.create(PnpServerConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected pnp settings");
        Settings brokenRule = PlanConfig.RULE.defaults().with(PlanConfig.RULE_NAME, "a")
                .with(PlanConfig.RULE_FINISH, PlanConfig.FinishKind.TERMINATE)
                .with(PlanConfig.RULE_STEPS, List.of(StepConfig.SECTION.defaults()
                        .with(StepConfig.SERVICE, Service.CONFIG_UPGRADE)));
        assertThatThrownBy(() -> PnpAdapter.create(PnpConfig.defaults().with(PnpConfig.PLAN, PlanConfig.RULES,
                List.of(brokenRule))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules[0].steps[0].template': required for config-upgrade");
    }
}
