package io.tributary.pnp.provision;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.tributary.core.config.ScalarType;
import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;
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

/**
 * One provisioning step as configured: {@code service} picks the PnP service and which other keys apply; the
 * rules of {@link #SECTION} say which keys each service needs. {@link #step(Settings)} turns the values into a
 * {@link Step}.
 */
public final class StepConfig {

    /** The longest backoff a PnP agent accepts, 47 h 59 min 59 s. */
    static final ScalarType<Duration> CALLBACK = ValueTypes.duration().range(Duration.ofSeconds(1),
            BackoffRequest.MAX_CALLBACK);

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");
    private static final ScalarType<String> FILE = ValueTypes.text().require(name -> FILE_NAME.matcher(name)
            .matches(), "a plain file name in the files directory");

    /** The {@code steps[*]} entries. */
    public static final Section SECTION = Section.create("step", "One step: a PnP service request.");
    /** The service. */
    public static final Setting<Service> SERVICE = SECTION.required("service", ValueTypes.choice(Service.class),
            "device-info, config-upgrade, image-install, cli-exec, cli-config, backoff, capability, topology,"
                    + " certificate-install, file-transfer, redirection or reload.");
    /** device-info: what to report. */
    public static final Setting<DeviceInfoRequest.Type> TYPE = SECTION.optional("type",
            ValueTypes.choice(DeviceInfoRequest.Type.class), "device-info: image, hardware, filesystem, udi, profile"
                    + " or all; unset: all.");
    /** config-upgrade: the template. */
    public static final Setting<String> TEMPLATE = SECTION.optional("template", FILE,
            "config-upgrade: template file name in the files directory.");
    /** image-install: the image. */
    public static final Setting<String> IMAGE = SECTION.optional("image", FILE,
            "image-install: image file name in the files directory.");
    /** file-transfer, certificate-install: the file. */
    public static final Setting<String> FILE_SETTING = SECTION.optional("file", FILE,
            "file-transfer, certificate-install: file name in the files directory.");
    /** image-install, file-transfer: the device path. */
    public static final Setting<String> DESTINATION = SECTION.optional("destination", ValueTypes.nonBlankText(),
            "image-install, file-transfer: device path, e.g. flash:c2900.bin.");
    /** config-upgrade: startup or running. */
    public static final Setting<ConfigUpgradeRequest.ApplyTo> APPLY_TO = SECTION.optional("apply-to",
            ValueTypes.choice(ConfigUpgradeRequest.ApplyTo.class), "config-upgrade: startup or running.");
    /** Whether to reload afterwards. */
    public static final Setting<Boolean> RELOAD = SECTION.optional("reload", ValueTypes.bool(),
            "config-upgrade, image-install: reload afterwards; unset: no.");
    /** Delay before the reload. */
    public static final Setting<Duration> RELOAD_DELAY = SECTION.optional("reload-delay",
            ValueTypes.nonNegativeDuration().atMost(Duration.ofSeconds(Integer.MAX_VALUE)),
            "config-upgrade, image-install, reload: delay before reloading.");
    /** Reason text. */
    public static final Setting<String> REASON = SECTION.optional("reason", ValueTypes.text(),
            "reload, backoff, config-upgrade, image-install: reason text.");
    /** Save the running configuration first. */
    public static final Setting<Boolean> SAVE_CONFIG = SECTION.optional("save-config", ValueTypes.bool(),
            "reload: save the running configuration first.");
    /** cli-exec: the command. */
    public static final Setting<String> COMMAND = SECTION.optional("command", ValueTypes.nonBlankText(),
            "cli-exec: the command.");
    /** cli-exec: how long the agent waits for output. */
    public static final Setting<Duration> MAX_WAIT = SECTION.optional("max-wait", ValueTypes.positiveDuration(),
            "cli-exec: how long the agent waits for output.");
    /** cli-config: configuration lines. */
    public static final Setting<List<String>> COMMANDS = SECTION.optional("commands",
            ValueTypes.listOf(ValueTypes.text()), "cli-config: configuration lines.");
    /** cli-config: apply, test or persist. */
    public static final Setting<CliConfigRequest.Mode> MODE = SECTION.optional("mode",
            ValueTypes.choice(CliConfigRequest.Mode.class), "cli-config: apply, test or persist; unset: apply.");
    /** cli-config: what a failed line does. */
    public static final Setting<CliConfigRequest.ActionOnFail> ACTION_ON_FAIL = SECTION.optional("action-on-fail",
            ValueTypes.choice(CliConfigRequest.ActionOnFail.class), "cli-config apply: stop, continue or rollback.");
    /** certificate-install: trustpoint or trustpool. */
    public static final Setting<CertificateInstallRequest.Target> TARGET = SECTION.optional("target",
            ValueTypes.choice(CertificateInstallRequest.Target.class),
            "certificate-install: trustpoint or trustpool; unset: trustpoint.");
    /** certificate-install: trustpoint label. */
    public static final Setting<String> LABEL = SECTION.optional("label", ValueTypes.nonBlankText(),
            "certificate-install: trustpoint label.");
    /** redirection: http or https. */
    public static final Setting<String> PROTOCOL = SECTION.optional("protocol", ValueTypes.text().require(
            p -> p.equals("http") || p.equals("https"), "http or https"), "redirection: http or https; unset: https.");
    /** redirection: the new server. */
    public static final Setting<String> HOST = SECTION.optional("host", ValueTypes.nonBlankText(),
            "redirection: the new server.");
    /** redirection: its port. */
    public static final Setting<Integer> PORT = SECTION.optional("port", ValueTypes.port(), "redirection: its port.");
    /** backoff: how long. */
    public static final Setting<Duration> BACKOFF = SECTION.optional("backoff", CALLBACK,
            "backoff: how long the device waits (at most 47h59m59s).");

    static {
        requires(TEMPLATE, Service.CONFIG_UPGRADE);
        requires(IMAGE, Service.IMAGE_INSTALL);
        requires(FILE_SETTING, Service.CERTIFICATE_INSTALL, Service.FILE_TRANSFER);
        requires(DESTINATION, Service.FILE_TRANSFER);
        requires(COMMAND, Service.CLI_EXEC);
        requires(BACKOFF, Service.BACKOFF);
        requires(HOST, Service.REDIRECTION);
        SECTION.check(COMMANDS, s -> s.get(SERVICE) == Service.CLI_CONFIG && s.find(MODE).orElse(null)
                != CliConfigRequest.Mode.PERSIST && s.find(COMMANDS).map(List::isEmpty).orElse(true)
                ? "at least one command for cli-config " + s.find(MODE).orElse(CliConfigRequest.Mode.APPLY).xml()
                : null);
    }

    private StepConfig() {
    }

    private static void requires(Setting<?> key, Service... services) {
        SECTION.check(key, s -> s.find(key).isEmpty() && List.of(services).contains(s.get(SERVICE))
                ? "required for " + s.get(SERVICE).id() : null);
    }

    /**
     * @param s values of {@link #SECTION}, checked
     * @return the step they describe
     */
    public static Step step(Settings s) {
        return switch (s.get(SERVICE)) {
            case DEVICE_INFO -> Steps.request(new DeviceInfoRequest(s.find(TYPE).orElse(DeviceInfoRequest.Type.ALL)));
            case CONFIG_UPGRADE -> new Steps.ConfigUpgrade(s.get(TEMPLATE), s.get(APPLY_TO), reload(s, "configuration"));
            case IMAGE_INSTALL -> new Steps.ImageInstall(s.get(IMAGE), s.get(DESTINATION), reload(s, "image"));
            case CLI_EXEC -> Steps.request(new CliExecRequest(s.get(COMMAND), s.get(MAX_WAIT), List.of()));
            case CLI_CONFIG -> Steps.request(new CliConfigRequest(s.find(MODE).orElse(CliConfigRequest.Mode.APPLY),
                    s.get(ACTION_ON_FAIL), s.find(COMMANDS).orElse(List.of())));
            case BACKOFF -> Steps.request(BackoffRequest.callbackAfter(s.find(REASON).orElse("configured pause"),
                    s.get(BACKOFF)));
            case CAPABILITY -> Steps.request(new CapabilityRequest());
            case TOPOLOGY -> Steps.request(new TopologyRequest());
            case CERTIFICATE_INSTALL -> new Steps.CertificateInstall(s.find(TARGET)
                    .orElse(CertificateInstallRequest.Target.TRUSTPOINT), s.get(LABEL), s.get(FILE_SETTING), null);
            case FILE_TRANSFER -> new Steps.FileTransfer(s.get(FILE_SETTING), s.get(DESTINATION));
            case REDIRECTION -> Steps.request(new RedirectionRequest(null,
                    new ServerAddress(s.find(PROTOCOL).orElse("https"), s.get(HOST), s.get(PORT)), null));
            case RELOAD -> Steps.request(new ReloadRequest(new Reload(s.find(REASON).orElse("PnP reload"),
                    delaySeconds(s.get(RELOAD_DELAY)), "tributary", s.get(SAVE_CONFIG))));
        };
    }

    private static Reload reload(Settings s, String what) {
        if (!Boolean.TRUE.equals(s.get(RELOAD))) {
            return null;
        }
        return new Reload(s.find(REASON).orElse("new " + what), delaySeconds(s.get(RELOAD_DELAY)), "tributary",
                s.get(SAVE_CONFIG));
    }

    private static Integer delaySeconds(Duration delay) {
        return delay == null ? null : (int) delay.getSeconds();
    }
}
