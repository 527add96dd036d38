package io.tributary.app.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tributary.pnp.message.CertificateInstallRequest;
import io.tributary.pnp.message.CliConfigRequest;
import io.tributary.pnp.message.ConfigUpgradeRequest;
import io.tributary.pnp.message.DeviceInfoRequest;
import io.tributary.pnp.message.Service;

/**
 * The {@code pnp} section: Cisco Network Plug and Play on {@code /pnp/*} of the HTTP listener, its device store,
 * file service, optional HTTPS listener and provisioning rules.
 *
 * @param enabled whether PnP is served; default true
 * @param dataDir directory of the device store ({@code devices.mv.db}), created if missing; default
 *                {@code data/pnp}
 * @param filesDir directory of config templates, images and other files served under {@code /pnp/files/}; empty
 *                 means {@code <data-dir>/files}; default empty
 * @param maxBody largest PnP request body, larger ones get 413; default 256KiB
 * @param maxDevices most devices known (and with a request outstanding); a new device beyond that gets 503;
 *                   default 100000
 * @param advertisedUrl base URL devices download files from (e.g. behind NAT); empty means scheme and Host header
 *                      of each work request; default empty
 * @param oneShotUrls whether file URLs are served once and only to the device they were offered to; default false
 * @param oneShotTtl how long an unused one-shot URL stays valid; default 1h
 * @param credentials device login for agents that report {@code authRequired}
 * @param https the optional HTTPS listener
 * @param retry retries of failed steps
 * @param variables template variables for every device
 * @param rules provisioning rules, tried by serial, then PID pattern, then a rule with neither
 * @param unknownDevices what devices no rule names get
 */
public record PnpSettings(boolean enabled, String dataDir, String filesDir, ByteSize maxBody, int maxDevices,
                          String advertisedUrl, boolean oneShotUrls, Duration oneShotTtl, Credentials credentials,
                          Https https, Retry retry, Map<String, String> variables, List<RuleSettings> rules,
                          UnknownDevices unknownDevices) {

    /**
     * Device login; sent only to agents that report {@code authRequired}, only over HTTPS unless {@code over-http};
     * never logged ({@link #toString()} masks the password).
     *
     * @param username user; empty means no credentials; default empty
     * @param password password; default empty
     * @param overHttp whether credentials may also go over plain HTTP (lab use); default false
     */
    public record Credentials(String username, String password, boolean overHttp) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=****, overHttp=" + overHttp + "]";
        }
    }

    /**
     * An HTTPS listener of the PnP adapter's own, serving the same endpoints (the shared listener is plain HTTP).
     *
     * @param enabled whether to bind it; default false
     * @param host bind address; default 0.0.0.0
     * @param port TCP port; default 8443
     * @param certificate PEM certificate chain file
     * @param privateKey PEM (PKCS#8) private key file
     */
    public record Https(boolean enabled, String host, int port, String certificate, String privateKey) {
    }

    /**
     * Retries of a failed step.
     *
     * @param maxAttempts attempts of a step before the device is marked failed; default 3
     * @param initialBackoff wait after the first failure; default 1m
     * @param maxBackoff longest wait, and the backoff a failed device gets; default 30m
     * @param backoffMultiplier growth of the wait per failure; default 2.0
     */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double backoffMultiplier) {
    }

    /**
     * One rule: which devices, which steps, how to finish.
     *
     * @param name unique name, stored with each device
     * @param serials serial numbers
     * @param pidPattern regular expression the whole PID must match; empty for none
     * @param hostname the {@code hostname} template variable; empty for the hostname the device reports
     * @param variables further template variables
     * @param steps the steps, in order
     * @param finish {@code terminate} (provisioning over) or {@code backoff}
     * @param backoff for finish {@code backoff}: how long the device waits between polls
     */
    public record RuleSettings(String name, List<String> serials, String pidPattern, String hostname,
                               Map<String, String> variables, List<StepSettings> steps, FinishKind finish,
                               Duration backoff) {
    }

    /**
     * The rule for devices no other rule names.
     *
     * @param steps the steps; default device-info (type all)
     * @param finish terminate or backoff; default backoff
     * @param backoff for finish backoff; default 1h
     */
    public record UnknownDevices(List<StepSettings> steps, FinishKind finish, Duration backoff) {
    }

    /**
     * One step; {@code service} picks the service and which other keys apply.
     *
     * @param service device-info, config-upgrade, image-install, cli-exec, cli-config, backoff, capability,
     *                topology, certificate-install, file-transfer, redirection or reload
     * @param type device-info: image, hardware, filesystem, udi, profile or all (default)
     * @param template config-upgrade: template file name in the files directory
     * @param image image-install: image file name in the files directory
     * @param file file-transfer, certificate-install: file name in the files directory
     * @param destination image-install, file-transfer: device path, e.g. {@code flash:c2900.bin}
     * @param applyTo config-upgrade: startup or running
     * @param reload config-upgrade, image-install: reload afterwards
     * @param reloadDelay config-upgrade, image-install, reload: delay before reloading
     * @param reason reload, backoff: reason text
     * @param saveConfig reload: save the running configuration first
     * @param command cli-exec: the command
     * @param maxWait cli-exec: how long the agent waits for output
     * @param commands cli-config: configuration lines
     * @param mode cli-config: apply (default), test or persist
     * @param actionOnFail cli-config apply: stop, continue or rollback
     * @param target certificate-install: trustpoint (default) or trustpool
     * @param label certificate-install: trustpoint label
     * @param protocol redirection: http or https (default https)
     * @param host redirection: the new server
     * @param port redirection: its port
     * @param backoff backoff: how long the device waits
     */
    public record StepSettings(Service service, DeviceInfoRequest.Type type, String template, String image,
                               String file, String destination, ConfigUpgradeRequest.ApplyTo applyTo,
                               Boolean reload, Duration reloadDelay, String reason, Boolean saveConfig,
                               String command, Duration maxWait, List<String> commands, CliConfigRequest.Mode mode,
                               CliConfigRequest.ActionOnFail actionOnFail, CertificateInstallRequest.Target target,
                               String label, String protocol, String host, Integer port, Duration backoff) {
    }

    /** How a rule ends. */
    public enum FinishKind {
        /** Provisioning over: the agent removes its PnP profile. */
        TERMINATE,
        /** Park the device: it polls again after the backoff, and gets the same backoff. */
        BACKOFF
    }
}
