package io.tributary.app.config;

import java.time.Duration;

/** Range checks that types alone cannot express; each failure names the key. */
final class ConfigValidator {

    private ConfigValidator() {
    }

    static void validate(GatewayConfig config) throws ConfigException {
        port("http.port", config.http().port());
        notBlank("http.host", config.http().host());
        atLeast("router.queue-capacity", config.router().queueCapacity(), 1);
        atLeast("router.max-retained", config.router().maxRetained(), 0);
        positive("router.request-timeout", config.router().requestTimeout());
        positive("shutdown.timeout", config.shutdown().timeout());
        PnpSettingsValidator.validate(config.pnp());
    }

    static void port(String key, int value) throws ConfigException {
        if (value < 0 || value > 65535) {
            throw new ConfigException(key + ": " + value + " is not a port (0-65535)");
        }
    }

    static void atLeast(String key, long value, long minimum) throws ConfigException {
        if (value < minimum) {
            throw new ConfigException(key + ": must be at least " + minimum + ", was " + value);
        }
    }

    static void positive(String key, Duration value) throws ConfigException {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigException(key + ": must be a positive duration, was " + value);
        }
    }

    static void notBlank(String key, String value) throws ConfigException {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + ": must not be empty");
        }
    }
}
