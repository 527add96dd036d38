package io.tributary.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.tributary.pnp.message.BackoffRequest;
import io.tributary.pnp.message.CliConfigRequest;

/** Checks of the {@code pnp} section that types alone cannot express; each failure names the full key. */
final class PnpSettingsValidator {

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");

    private PnpSettingsValidator() {
    }

    static void validate(PnpSettings pnp) throws ConfigException {
        if (pnp == null || !pnp.enabled()) {
            return;
        }
        ConfigValidator.notBlank("pnp.data-dir", pnp.dataDir());
        ConfigValidator.atLeast("pnp.max-body", pnp.maxBody().bytes(), 1);
        if (pnp.maxBody().bytes() > 64L * 1024 * 1024) {
            throw new ConfigException("pnp.max-body: at most 64MiB, was " + pnp.maxBody().bytes() + " bytes");
        }
        ConfigValidator.atLeast("pnp.max-devices", pnp.maxDevices(), 1);
        ConfigValidator.positive("pnp.one-shot-ttl", pnp.oneShotTtl());
        String url = pnp.advertisedUrl();
        if (url != null && !url.isBlank() && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ConfigException("pnp.advertised-url: must start with http:// or https://, was '" + url + "'");
        }
        PnpSettings.Https https = pnp.https();
        if (https != null && https.enabled()) {
            ConfigValidator.port("pnp.https.port", https.port());
            ConfigValidator.notBlank("pnp.https.host", https.host());
            readable("pnp.https.certificate", https.certificate());
            readable("pnp.https.private-key", https.privateKey());
        }
        PnpSettings.Retry retry = pnp.retry();
        ConfigValidator.atLeast("pnp.retry.max-attempts", retry.maxAttempts(), 1);
        callback("pnp.retry.initial-backoff", retry.initialBackoff());
        callback("pnp.retry.max-backoff", retry.maxBackoff());
        if (retry.maxBackoff().compareTo(retry.initialBackoff()) < 0) {
            throw new ConfigException("pnp.retry.max-backoff: must not be shorter than initial-backoff");
        }
        if (!(retry.backoffMultiplier() >= 1.0)) {
            throw new ConfigException("pnp.retry.backoff-multiplier: must be at least 1.0, was "
                    + retry.backoffMultiplier());
        }
        Set<String> names = new HashSet<>();
        List<PnpSettings.RuleSettings> rules = pnp.rules() == null ? List.of() : pnp.rules();
        for (int i = 0; i < rules.size(); i++) {
            PnpSettings.RuleSettings rule = rules.get(i);
            String key = "pnp.rules[" + i + "]";
            if (rule == null) {
                throw new ConfigException(key + ": must be a rule");
            }
            ConfigValidator.notBlank(key + ".name", rule.name());
            if (!names.add(rule.name()) || "unknown-devices".equals(rule.name())) {
                throw new ConfigException(key + ".name: '" + rule.name() + "' is used twice or reserved");
            }
            if (rule.pidPattern() != null && !rule.pidPattern().isBlank()) {
                try {
                    Pattern.compile(rule.pidPattern());
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(key + ".pid-pattern: not a regular expression: " + e.getDescription());
                }
            }
            finish(key, rule.finish(), rule.backoff());
            steps(key + ".steps", rule.steps());
        }
        PnpSettings.UnknownDevices unknown = pnp.unknownDevices();
        finish("pnp.unknown-devices", unknown.finish(), unknown.backoff());
        steps("pnp.unknown-devices.steps", unknown.steps());
    }

    private static void readable(String key, String file) throws ConfigException {
        ConfigValidator.notBlank(key, file);
        if (!Files.isReadable(Path.of(file))) {
            throw new ConfigException(key + ": '" + file + "' is not a readable file");
        }
    }

    private static void callback(String key, Duration value) throws ConfigException {
        if (value == null || value.getSeconds() < 1 || value.compareTo(BackoffRequest.MAX_CALLBACK) > 0) {
            throw new ConfigException(key + ": must be 1s to 47h59m59s (the longest PnP backoff), was " + value);
        }
    }

    private static void finish(String key, PnpSettings.FinishKind finish, Duration backoff) throws ConfigException {
        if (finish == null) {
            throw new ConfigException(key + ".finish: must be terminate or backoff");
        }
        if (finish == PnpSettings.FinishKind.BACKOFF) {
            callback(key + ".backoff", backoff);
        }
    }

    private static void steps(String key, List<PnpSettings.StepSettings> steps) throws ConfigException {
        if (steps == null) {
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            step(key + "[" + i + "]", steps.get(i));
        }
    }

    private static void step(String key, PnpSettings.StepSettings step) throws ConfigException {
        if (step == null || step.service() == null) {
            throw new ConfigException(key + ".service: required");
        }
        String service = step.service().id();
        switch (step.service()) {
            case CONFIG_UPGRADE -> fileName(key + ".template", step.template(), service);
            case IMAGE_INSTALL -> fileName(key + ".image", step.image(), service);
            case CERTIFICATE_INSTALL -> fileName(key + ".file", step.file(), service);
            case FILE_TRANSFER -> {
                fileName(key + ".file", step.file(), service);
                required(key + ".destination", step.destination(), service);
            }
            case CLI_EXEC -> required(key + ".command", step.command(), service);
            case CLI_CONFIG -> {
                if (step.mode() != CliConfigRequest.Mode.PERSIST
                        && (step.commands() == null || step.commands().isEmpty())) {
                    throw new ConfigException(key + ".commands: at least one command for cli-config "
                            + (step.mode() == null ? "apply" : step.mode().xml()));
                }
            }
            case BACKOFF -> callback(key + ".backoff", step.backoff());
            case REDIRECTION -> {
                required(key + ".host", step.host(), service);
                if (step.port() != null) {
                    ConfigValidator.port(key + ".port", step.port());
                }
                if (step.protocol() != null && !step.protocol().equals("http") && !step.protocol().equals("https")) {
                    throw new ConfigException(key + ".protocol: http or https, was '" + step.protocol() + "'");
                }
            }
            default -> {
                // device-info, capability, topology and reload need no further keys
            }
        }
        if (step.reloadDelay() != null && (step.reloadDelay().isNegative()
                || step.reloadDelay().getSeconds() > Integer.MAX_VALUE)) {
            throw new ConfigException(key + ".reload-delay: must be zero or positive");
        }
    }

    private static void required(String key, String value, String service) throws ConfigException {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + ": required for " + service);
        }
    }

    private static void fileName(String key, String value, String service) throws ConfigException {
        required(key, value, service);
        if (!FILE_NAME.matcher(value).matches()) {
            throw new ConfigException(key + ": '" + value + "' must be a plain file name in the files directory");
        }
    }
}
