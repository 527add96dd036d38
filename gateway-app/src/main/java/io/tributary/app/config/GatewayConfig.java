package io.tributary.app.config;

import java.time.Duration;

import io.tributary.core.Overflow;

/**
 * The whole gateway configuration, bound from one YAML file over the embedded defaults
 * ({@code tributary-default.yaml}) and then environment variables; keys are kebab-case.
 *
 * @param http the shared HTTP listener
 * @param logging log format and level
 * @param router routing core settings
 * @param shutdown graceful stop settings
 * @param coap the CoAP adapter
 * @param pnp Cisco Network Plug and Play
 * @param upnp UPnP eventing (GENA) settings
 */
public record GatewayConfig(Http http, Logging logging, RouterSettings router, Shutdown shutdown,
                            CoapSettings coap, PnpSettings pnp, UpnpSettings upnp) {

    /**
     * The shared HTTP listener serving PnP, GENA and the admin endpoints.
     *
     * @param host bind address; default {@code 0.0.0.0}
     * @param port TCP port, 0 for any free port; default 8080
     */
    public record Http(String host, int port) {
    }

    /**
     * Logging output.
     *
     * @param format {@code text} (human-readable) or {@code json} (one JSON object per line); default text
     * @param level root level: trace, debug, info, warn, error or off; default info
     */
    public record Logging(LogFormat format, LogLevel level) {
    }

    /**
     * Routing core settings.
     *
     * @param queueCapacity default subscription queue capacity, in messages; default 1024
     * @param overflow default overflow policy: drop-oldest, drop-newest or error; default drop-oldest
     * @param requestTimeout request/reply timeout; default 5s
     * @param maxRetained topics that may hold a retained value; default 100000
     */
    public record RouterSettings(int queueCapacity, Overflow overflow, Duration requestTimeout, int maxRetained) {
    }

    /**
     * Graceful stop settings.
     *
     * @param timeout how long the whole stop may take before the process exits anyway; default 8s
     */
    public record Shutdown(Duration timeout) {
    }

    /** Log output formats. */
    public enum LogFormat {
        /** Human-readable lines. */
        TEXT,
        /** One JSON object per line. */
        JSON
    }

    /** Root log levels. */
    public enum LogLevel {
        /** Everything. */
        TRACE,
        /** Debugging detail. */
        DEBUG,
        /** Normal operation. */
        INFO,
        /** Problems that do not stop the gateway. */
        WARN,
        /** Failures. */
        ERROR,
        /** Nothing. */
        OFF
    }
}
