package io.tributary.pnp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;
import io.tributary.pnp.provision.PlanConfig;
import io.tributary.pnp.server.PnpServerConfig;

/**
 * The {@code pnp} section of a gateway: Cisco Network Plug and Play on {@code /pnp/*} of the HTTP listener, its
 * device store, file service, optional HTTPS listener and, written at this level, the endpoints' settings of
 * {@link PnpServerConfig} and the provisioning plan of {@link PlanConfig}. {@link PnpAdapter#create(Settings)}
 * takes its values.
 */
public final class PnpConfig {

    /** The HTTPS listener. */
    public static final Section HTTPS_SECTION = Section.create("https", "An HTTPS listener of its own serving the"
            + " same endpoints (the shared listener is plain HTTP).");
    /** Whether to bind it. */
    public static final Setting<Boolean> HTTPS_ENABLED = HTTPS_SECTION.define("enabled", ValueTypes.bool(), false,
            "Whether to bind it.");
    /** Bind address. */
    public static final Setting<String> HTTPS_HOST = HTTPS_SECTION.define("host", ValueTypes.nonBlankText(),
            "0.0.0.0", "Bind address.");
    /** TCP port. */
    public static final Setting<Integer> HTTPS_PORT = HTTPS_SECTION.define("port", ValueTypes.port(), 8443,
            "TCP port.");
    /** Certificate chain. */
    public static final Setting<String> CERTIFICATE = HTTPS_SECTION.optional("certificate",
            ValueTypes.nonBlankText(), "PEM certificate chain file.");
    /** Private key. */
    public static final Setting<String> PRIVATE_KEY = HTTPS_SECTION.optional("private-key",
            ValueTypes.nonBlankText(), "PEM (PKCS#8) private key file.");

    static {
        HTTPS_SECTION.check(CERTIFICATE, s -> readable(s, CERTIFICATE));
        HTTPS_SECTION.check(PRIVATE_KEY, s -> readable(s, PRIVATE_KEY));
    }

    /** The {@code pnp} section. */
    public static final Section SECTION = Section.create("pnp", "Cisco Network Plug and Play: /pnp/HELLO,"
            + " /pnp/WORK-REQUEST, /pnp/WORK-RESPONSE, /pnp/files/*, /pnp/devices.");
    /** Whether PnP is served. */
    public static final Setting<Boolean> ENABLED = SECTION.define("enabled", ValueTypes.bool(), true,
            "Whether PnP is served.");
    /** Device store directory. */
    public static final Setting<String> DATA_DIR = SECTION.define("data-dir", ValueTypes.nonBlankText(), "data/pnp",
            "Device store (H2 MVStore file devices.mv.db), created if missing; a restart continues each device"
                    + " there.");
    /** Files directory. */
    public static final Setting<String> FILES_DIR = SECTION.optional("files-dir", ValueTypes.nonBlankText(),
            "Config templates, images and other files served under /pnp/files/; unset: <data-dir>/files.");
    /** The PnP endpoints: body cap, device cap, device login. */
    public static final Setting<Settings> SERVER = SECTION.inline(PnpServerConfig.SECTION);
    /** Base URL of downloads. */
    public static final Setting<String> ADVERTISED_URL = SECTION.optional("advertised-url",
            ValueTypes.text().require(url -> url.startsWith("http://") || url.startsWith("https://"),
                    "an http:// or https:// URL"), "Base URL devices download files from, e.g."
                    + " http://203.0.113.5:8080 behind NAT; unset: the scheme and Host header of each work request.");
    /** One-shot file URLs. */
    public static final Setting<Boolean> ONE_SHOT_URLS = SECTION.define("one-shot-urls", ValueTypes.bool(), false,
            "Each file URL is served once, only to the address of the device it was offered to, until one-shot-ttl.");
    /** Life of a one-shot URL. */
    public static final Setting<Duration> ONE_SHOT_TTL = SECTION.define("one-shot-ttl", ValueTypes.positiveDuration(),
            Duration.ofHours(1), "How long an unused one-shot URL stays valid.");
    /** The HTTPS listener. */
    public static final Setting<Settings> HTTPS = SECTION.section(HTTPS_SECTION);
    /** The provisioning plan. */
    public static final Setting<Settings> PLAN = SECTION.inline(PlanConfig.SECTION);

    private PnpConfig() {
    }

    /** @return the defaults: enabled, store in data/pnp, 256 KiB bodies, 100,000 devices, the default plan */
    public static Settings defaults() {
        return SECTION.defaults();
    }

    private static String readable(Settings https, Setting<String> file) {
        if (!https.get(HTTPS_ENABLED)) {
            return null;
        }
        String name = https.get(file);
        if (name == null) {
            return "required when https is enabled";
        }
        return Files.isReadable(Path.of(name)) ? null : "'" + name + "' is not a readable file";
    }
}
