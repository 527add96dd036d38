package io.tributary.pnp.message;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The PnP services a server can request, each with its own XML namespace {@code urn:cisco:pnp:<id>} and schema
 * file {@code pnp_<id with _>_svc.xsd}.
 */
public enum Service {
    /** Inventory: UDI, hardware, image, file systems, profiles. */
    DEVICE_INFO("device-info"),
    /** Copy a configuration to startup or running, optionally reload. */
    CONFIG_UPGRADE("config-upgrade"),
    /** Copy and install an image, optionally reload. */
    IMAGE_INSTALL("image-install"),
    /** Run one exec-level CLI command. */
    CLI_EXEC("cli-exec"),
    /** Test, apply or persist configuration CLI. */
    CLI_CONFIG("cli-config"),
    /** Stop polling for a while, or for good ({@code terminate}). */
    BACKOFF("backoff"),
    /** List the services and features the agent supports. */
    CAPABILITY("capability"),
    /** CDP-style neighbours. */
    TOPOLOGY("topology"),
    /** Install or remove a trustpoint or the trustpool, optionally reconnect. */
    CERTIFICATE_INSTALL("certificate-install"),
    /** Copy a file, no checksum. */
    FILE_TRANSFER("file-transfer"),
    /** Point the PnP profile at another server. */
    REDIRECTION("redirection"),
    /** Reload the device. */
    RELOAD("reload");

    /** Namespace prefix shared by every service namespace. */
    public static final String NAMESPACE_PREFIX = "urn:cisco:pnp:";

    private static final Map<String, Service> BY_ID = new HashMap<>();

    static {
        for (Service service : values()) {
            BY_ID.put(service.id, service);
        }
    }

    private final String id;

    Service(String id) {
        this.id = id;
    }

    /** @return the protocol's name, e.g. {@code config-upgrade}; also the last topic segment of its results */
    public String id() {
        return id;
    }

    /** @return the namespace of this service's body, e.g. {@code urn:cisco:pnp:config-upgrade} */
    public String namespace() {
        return NAMESPACE_PREFIX + id;
    }

    /**
     * @param id a service id such as {@code device-info}, case-insensitive
     * @return the service, or {@code null} when the id names none
     */
    public static Service fromId(String id) {
        return id == null ? null : BY_ID.get(id.toLowerCase(Locale.ROOT));
    }

    /**
     * @param namespace a body namespace such as {@code urn:cisco:pnp:device-info}
     * @return the service, or {@code null} when the namespace names none
     */
    public static Service fromNamespace(String namespace) {
        if (namespace == null || !namespace.startsWith(NAMESPACE_PREFIX)) {
            return null;
        }
        return BY_ID.get(namespace.substring(NAMESPACE_PREFIX.length()));
    }
}
