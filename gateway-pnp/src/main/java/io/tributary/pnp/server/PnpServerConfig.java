package io.tributary.pnp.server;

import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;
import io.tributary.pnp.message.Credentials;

/**
 * What a {@link PnpServer} is configured with: the body cap, the device cap and the device login. The gateway's
 * {@code pnp} section holds these keys at its own level; {@link PnpServer#config(Settings)} takes the values.
 */
public final class PnpServerConfig {

    /** Device login. */
    public static final Section CREDENTIALS_SECTION = Section.create("credentials", "Device login sent to agents"
            + " that report authRequired; never logged. Sent over HTTPS only, unless over-http is true.");
    /** User name. */
    public static final Setting<String> USERNAME = CREDENTIALS_SECTION.optional("username",
            ValueTypes.nonBlankText(), "User; unset: no credentials.");
    /** Password. */
    public static final Setting<String> PASSWORD = CREDENTIALS_SECTION.define("password",
            ValueTypes.text().secret(), "", "Password.");
    /** Whether credentials may go over plain HTTP. */
    public static final Setting<Boolean> OVER_HTTP = CREDENTIALS_SECTION.define("over-http", ValueTypes.bool(),
            false, "Whether credentials may also go over plain HTTP (lab use).");

    /** The server's settings, written at the level of the section that holds them. */
    public static final Section SECTION = Section.create("server", "The PnP endpoints.");
    /** Largest request body. */
    public static final Setting<Integer> MAX_BODY = SECTION.define("max-body",
            ValueTypes.size().range(1, 64 << 20), 256 * 1024, "Largest PnP request body; larger ones get 413.");
    /** Most devices known. */
    public static final Setting<Integer> MAX_DEVICES = SECTION.define("max-devices",
            ValueTypes.integer().atLeast(1).unit("devices"), 100_000,
            "Most devices known; a new device beyond that gets 503 before anything is recorded.");
    /** Device login. */
    public static final Setting<Settings> CREDENTIALS = SECTION.section(CREDENTIALS_SECTION);

    private PnpServerConfig() {
    }

    /** @return the defaults: 256 KiB bodies, 100,000 devices, no device login */
    public static Settings defaults() {
        return SECTION.defaults();
    }

    /**
     * @param login values of {@link #CREDENTIALS_SECTION}
     * @return the device login they describe, or {@code null} without a user name
     */
    static Credentials credentials(Settings login) {
        String username = login.get(USERNAME);
        return username == null ? null : new Credentials(username, login.get(PASSWORD));
    }
}
