package io.tributary.app.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tributary.coap.adapter.CoapAdapterConfig;
import io.tributary.core.RouterConfig;
import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;
import io.tributary.core.gateway.HttpListenerConfig;
import io.tributary.nats.NatsConfig;
import io.tributary.pnp.PnpConfig;
import io.tributary.upnp.UpnpConfig;

/**
 * The whole gateway configuration: the sections the application owns ({@code gateway}, {@code logging},
 * {@code shutdown}, {@code admin}) and those each module declares ({@code http}, {@code router}, {@code coap},
 * {@code pnp}, {@code upnp}, {@code nats}).
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

    /** Roles of admin users. */
    public enum AdminRole {
        /** May read every view and follow the live topics. */
        READ_ONLY,
        /** May also publish and delete topics, claim and retry PnP devices. */
        ADMIN
    }

    /** One admin user. */
    public static final Section ADMIN_USER = Section.create("user", "An admin user with a bcrypt password hash.");
    /** User name. */
    public static final Setting<String> ADMIN_USER_NAME = ADMIN_USER.required("name", ValueTypes.nonBlankText(),
            "User name (HTTP basic authentication, RFC 7617).");
    /** Password hash. */
    public static final Setting<String> ADMIN_USER_HASH = ADMIN_USER.required("password-hash",
            ValueTypes.nonBlankText().require(hash -> hash.matches("\\$2[aby]\\$\\d\\d\\$.{53}"),
                    "a bcrypt hash ($2a$, $2b$ or $2y$, 60 characters)").secret(),
            "bcrypt hash of the password, e.g. from: htpasswd -nbBC 12 '' 'secret' | cut -d: -f2");
    /** Role. */
    public static final Setting<AdminRole> ADMIN_USER_ROLE = ADMIN_USER.define("role",
            ValueTypes.choice(AdminRole.class), AdminRole.READ_ONLY, "read-only or admin.");

    /** The {@code admin} section: the admin API ({@code /api/}) and the console ({@code /ui}). */
    public static final Section ADMIN_SECTION = Section.create("admin", "Admin API (/api/) and console (/ui):"
            + " on the shared listener only when credentials are set, or on a listener of its own.");
    /** Whether the admin API and console are served at all. */
    public static final Setting<Boolean> ADMIN_ENABLED = ADMIN_SECTION.define("enabled", ValueTypes.bool(), true,
            "Whether the admin API and console are served; with no credentials and no admin.port they are not.");
    /** Bearer token of the admin role. */
    public static final Setting<String> ADMIN_TOKEN = ADMIN_SECTION.optional("token",
            ValueTypes.nonBlankText().require(token -> token.length() >= 16, "at least 16 characters").secret(),
            "Bearer token (RFC 6750) with the admin role; setting it serves the API on the shared listener.");
    /** Bearer token of the read-only role. */
    public static final Setting<String> ADMIN_READ_TOKEN = ADMIN_SECTION.optional("read-token",
            ValueTypes.nonBlankText().require(token -> token.length() >= 16, "at least 16 characters").secret(),
            "Bearer token with the read-only role.");
    /** Basic users. */
    public static final Setting<List<Settings>> ADMIN_USERS = ADMIN_SECTION.define("users",
            ValueTypes.listOf(ValueTypes.section(ADMIN_USER)), List.of(), "Users with bcrypt password hashes, e.g.\n"
                    + "- {name: ops, password-hash: \"$2y$12$...\", role: admin}");
    /** Bind address of the admin listener. */
    public static final Setting<String> ADMIN_HOST = ADMIN_SECTION.define("host", ValueTypes.nonBlankText(),
            "127.0.0.1", "Bind address of the admin listener of its own.");
    /** Port of the admin listener. */
    public static final Setting<Integer> ADMIN_PORT = ADMIN_SECTION.optional("port", ValueTypes.port(),
            "TCP port of an admin listener of its own (0 for any free port); unset: none. Without credentials"
                    + " everyone who reaches it has the admin role, so keep it on 127.0.0.1.");
    /** Live topic buffer per client. */
    public static final Setting<Integer> ADMIN_STREAM_BUFFER = ADMIN_SECTION.define("stream-buffer",
            ValueTypes.integer().range(1, 65_536).unit("messages"), 256,
            "Messages a slow client of /api/topics/stream may fall behind; older ones are dropped and counted.");

    static {
        ADMIN_SECTION.check(ADMIN_USERS, s -> {
            Set<String> names = new HashSet<>();
            for (Settings user : s.get(ADMIN_USERS)) {
                if (!names.add(user.get(ADMIN_USER_NAME))) {
                    return "user '" + user.get(ADMIN_USER_NAME) + "' is listed twice";
                }
            }
            return null;
        });
    }

    /** The whole configuration. */
    public static final Section ROOT = Section.create("", "Tributary configuration.");
    /** {@code gateway}. */
    public static final Setting<Settings> GATEWAY = ROOT.section(GATEWAY_SECTION);
    /** {@code http}. */
    public static final Setting<Settings> HTTP = ROOT.section(HttpListenerConfig.SECTION);
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
    /** {@code nats}. */
    public static final Setting<Settings> NATS = ROOT.section(NatsConfig.SECTION);
    /** {@code admin}. */
    public static final Setting<Settings> ADMIN = ROOT.section(ADMIN_SECTION);

    private GatewayConfig() {
    }
}
