package io.tributary.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.tributary.app.config.PnpSettings;
import io.tributary.pnp.PnpAdapter;
import io.tributary.pnp.PnpOptions;
import io.tributary.pnp.message.BackoffRequest;
import io.tributary.pnp.message.CapabilityRequest;
import io.tributary.pnp.message.CertificateInstallRequest;
import io.tributary.pnp.message.CliConfigRequest;
import io.tributary.pnp.message.CliExecRequest;
import io.tributary.pnp.message.Credentials;
import io.tributary.pnp.message.DeviceInfoRequest;
import io.tributary.pnp.message.RedirectionRequest;
import io.tributary.pnp.message.Reload;
import io.tributary.pnp.message.ReloadRequest;
import io.tributary.pnp.message.ServerAddress;
import io.tributary.pnp.message.TopologyRequest;
import io.tributary.pnp.provision.Finish;
import io.tributary.pnp.provision.ProvisioningPlan;
import io.tributary.pnp.provision.RetryPolicy;
import io.tributary.pnp.provision.Rule;
import io.tributary.pnp.provision.Step;
import io.tributary.pnp.provision.Steps;

/** Maps the validated {@code pnp} section to the PnP adapter's typed options and provisioning plan. */
public final class PnpWiring {

    private PnpWiring() {
    }

    /**
     * @param settings the {@code pnp} section, validated
     * @return the adapter, or empty when PnP is disabled
     */
    public static Optional<PnpAdapter> adapter(PnpSettings settings) {
        if (settings == null || !settings.enabled()) {
            return Optional.empty();
        }
        return Optional.of(PnpAdapter.create(options(settings)));
    }

    /**
     * @param settings the {@code pnp} section, validated
     * @return the adapter options it describes
     */
    public static PnpOptions options(PnpSettings settings) {
        PnpOptions options = PnpOptions.defaults().dataDirectory(Path.of(settings.dataDir()))
                .plan(plan(settings)).maxBody(settings.maxBody().intBytes()).maxDevices(settings.maxDevices())
                .advertisedUrl(blankToNull(settings.advertisedUrl()))
                .oneShotUrls(settings.oneShotUrls(), settings.oneShotTtl());
        if (!isBlank(settings.filesDir())) {
            options = options.filesDirectory(Path.of(settings.filesDir()));
        }
        PnpSettings.Credentials login = settings.credentials();
        if (login != null && !isBlank(login.username())) {
            options = options.credentials(new Credentials(login.username(),
                    login.password() == null ? "" : login.password()), login.overHttp());
        }
        PnpSettings.Https https = settings.https();
        if (https != null && https.enabled()) {
            options = options.https(https.host(), https.port(), Path.of(https.certificate()),
                    Path.of(https.privateKey()));
        }
        return options;
    }

    /**
     * @param settings the {@code pnp} section, validated
     * @return the provisioning plan it describes
     */
    public static ProvisioningPlan plan(PnpSettings settings) {
        List<Rule> rules = new ArrayList<>();
        for (PnpSettings.RuleSettings rule : settings.rules() == null ? List.<PnpSettings.RuleSettings>of()
                : settings.rules()) {
            rules.add(new Rule(rule.name(), rule.serials() == null ? Set.of() : Set.copyOf(rule.serials()),
                    isBlank(rule.pidPattern()) ? null : Pattern.compile(rule.pidPattern()), steps(rule.steps()),
                    finish(rule.finish(), rule.backoff()), blankToNull(rule.hostname()),
                    rule.variables() == null ? Map.of() : rule.variables()));
        }
        PnpSettings.UnknownDevices unknown = settings.unknownDevices();
        Rule unknownRule = Rule.forAll("unknown-devices", steps(unknown.steps()),
                finish(unknown.finish(), unknown.backoff()));
        PnpSettings.Retry retry = settings.retry();
        return new ProvisioningPlan(rules, unknownRule, new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(),
                retry.maxBackoff(), retry.backoffMultiplier()),
                settings.variables() == null ? Map.of() : settings.variables());
    }

    private static Finish finish(PnpSettings.FinishKind kind, Duration backoff) {
        return kind == PnpSettings.FinishKind.TERMINATE ? Finish.terminateProvisioning() : Finish.backoff(backoff);
    }

    private static List<Step> steps(List<PnpSettings.StepSettings> settings) {
        List<Step> steps = new ArrayList<>();
        if (settings != null) {
            for (PnpSettings.StepSettings step : settings) {
                steps.add(step(step));
            }
        }
        return steps;
    }

    static Step step(PnpSettings.StepSettings s) {
        return switch (s.service()) {
            case DEVICE_INFO -> Steps.request(new DeviceInfoRequest(
                    s.type() == null ? DeviceInfoRequest.Type.ALL : s.type()));
            case CONFIG_UPGRADE -> new Steps.ConfigUpgrade(s.template(), s.applyTo(), reload(s, "configuration"));
            case IMAGE_INSTALL -> new Steps.ImageInstall(s.image(), blankToNull(s.destination()), reload(s, "image"));
            case CLI_EXEC -> Steps.request(new CliExecRequest(s.command(), s.maxWait(), List.of()));
            case CLI_CONFIG -> Steps.request(new CliConfigRequest(s.mode() == null ? CliConfigRequest.Mode.APPLY
                    : s.mode(), s.actionOnFail(), s.commands()));
            case BACKOFF -> Steps.request(BackoffRequest.callbackAfter(
                    s.reason() == null ? "configured pause" : s.reason(), s.backoff()));
            case CAPABILITY -> Steps.request(new CapabilityRequest());
            case TOPOLOGY -> Steps.request(new TopologyRequest());
            case CERTIFICATE_INSTALL -> new Steps.CertificateInstall(s.target() == null
                    ? CertificateInstallRequest.Target.TRUSTPOINT : s.target(), blankToNull(s.label()), s.file(), null);
            case FILE_TRANSFER -> new Steps.FileTransfer(s.file(), s.destination());
            case REDIRECTION -> Steps.request(new RedirectionRequest(null,
                    new ServerAddress(s.protocol() == null ? "https" : s.protocol(), s.host(), s.port()), null));
            case RELOAD -> Steps.request(new ReloadRequest(new Reload(s.reason() == null ? "PnP reload" : s.reason(),
                    delaySeconds(s.reloadDelay()), "tributary", s.saveConfig())));
        };
    }

    private static Reload reload(PnpSettings.StepSettings s, String what) {
        if (!Boolean.TRUE.equals(s.reload())) {
            return null;
        }
        return new Reload(s.reason() == null ? "new " + what : s.reason(), delaySeconds(s.reloadDelay()),
                "tributary", s.saveConfig());
    }

    private static Integer delaySeconds(Duration delay) {
        return delay == null ? null : (int) delay.getSeconds();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return isBlank(text) ? null : text;
    }
}
