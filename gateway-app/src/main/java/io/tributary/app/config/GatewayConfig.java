package io.tributary.app.config;

import java.time.Duration;

import io.tributary.coap.adapter.CoapAdapterConfig;
import io.tributary.core.RouterConfig;
import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;
import io.tributary.pnp.PnpConfig;
import io.tributary.upnp.UpnpConfig;

/**
 * The whole gateway configuration: the sections the application owns ({@code gateway}, {@code http},
 * {@code logging}, {@code shutdown}) and those each module declares ({@code router}, {@code coap}, {@code pnp},
 * {@code upnp}).
 * A configuration is a {@link Settings} of {@link #ROOT}, bound by {@link ConfigLoader}.
 */
public final class GatewayConfig {

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

    /** The {@code gateway} section: settings of the whole process. */
    public static final Section GATEWAY_SECTION = Section.create("gateway", "Settings of the whole gateway process.");
    /** Where the gateway keeps state across restarts. */
    public static final Setting<String> DATA_DIR = GATEWAY_SECTION.define("data-dir", ValueTypes.nonBlankText(), "data",
            "Directory for state kept across restarts (the UPnP device's UDN in upnp/udn); relative to the working"
                    + " directory.");

    /** The {@code http} section: the one listener of PnP, GENA and the admin endpoints. */
    public static final Section HTTP_SECTION = Section.create("http",
            "The one HTTP listener (PnP, GENA, /health, /metrics).");
    /** Bind address of the HTTP listener. */
    public static final Setting<String> HTTP_HOST = HTTP_SECTION.define("host", ValueTypes.nonBlankText(),
            "0.0.0.0", "Bind address.");
    /** TCP port of the HTTP listener. */
    public static final Setting<Integer> HTTP_PORT = HTTP_SECTION.define("port", ValueTypes.port(), 8080,
            "TCP port, 0 for any free port.");

    /** The {@code logging} section. */
    public static final Section LOGGING_SECTION = Section.create("logging", "Console log output.");
    /** Log line format. */
    public static final Setting<LogFormat> LOG_FORMAT = LOGGING_SECTION.define("format",
            ValueTypes.choice(LogFormat.class), LogFormat.TEXT,
            "text: human-readable lines; json: one JSON object per line.");
    /** Root log level. */
    public static final Setting<LogLevel> LOG_LEVEL = LOGGING_SECTION.define("level",
            ValueTypes.choice(LogLevel.class), LogLevel.INFO, "Root level: trace, debug, info, warn, error or off.");

    /** The {@code shutdown} section. */
    public static final Section SHUTDOWN_SECTION = Section.create("shutdown", "Graceful stop on SIGTERM or Ctrl-C.");
    /** How long the graceful stop may take. */
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = SHUTDOWN_SECTION.define("timeout",
            ValueTypes.positiveDuration(), Duration.ofSeconds(8),
            "How long the graceful stop may take before the process exits anyway.");

    /** The whole configuration. */
    public static final Section ROOT = Section.create("", "Tributary configuration.");
    /** {@code gateway}. */
    public static final Setting<Settings> GATEWAY = ROOT.section(GATEWAY_SECTION);
    /** {@code http}. */
    public static final Setting<Settings> HTTP = ROOT.section(HTTP_SECTION);
    /** {@code logging}. */
    public static final Setting<Settings> LOGGING = ROOT.section(LOGGING_SECTION);
    /** {@code router}. */
    public static final Setting<Settings> ROUTER = ROOT.section(RouterConfig.SECTION);
    /** {@code shutdown}. */
    public static final Setting<Settings> SHUTDOWN = ROOT.section(SHUTDOWN_SECTION);
    /** {@code coap}. */
    public static final Setting<Settings> COAP = ROOT.section(CoapAdapterConfig.SECTION);
    /** {@code upnp}. */
    public static final Setting<Settings> UPNP = ROOT.section(UpnpConfig.SECTION);
    /** {@code pnp}. */
    public static final Setting<Settings> PNP = ROOT.section(PnpConfig.SECTION);

    private GatewayConfig() {
    }
}
