package io.tributary.upnp.discovery;

import java.time.Duration;
import java.util.List;

import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;
import io.tributary.upnp.description.UpnpTypes;

/**
 * The {@code discovery} section: the gateway as a control point (UDA 2.0 §1.3, §2): searching, the registry of
 * devices on the network, description limits, and the rules saying which devices to follow into the router.
 */
public final class DiscoveryConfig {

    /** One rule. */
    public static final Section RULE = Section.create("rule", "Devices to follow: a device matches when each"
            + " non-empty list holds its type (or an older version of it) or UDN; its services whose type a"
            + " non-empty service-types holds (all when empty) are subscribed.");
    /** Device types. */
    public static final Setting<List<String>> RULE_DEVICE_TYPES = RULE.define("device-types",
            ValueTypes.listOf(ValueTypes.nonBlankText().require(UpnpTypes::isDeviceType,
                    "urn:domain:device:Name:version")), List.of(),
            "Device types, e.g. [urn:schemas-upnp-org:device:MediaRenderer:1]; empty: any.");
    /** Service types. */
    public static final Setting<List<String>> RULE_SERVICE_TYPES = RULE.define("service-types",
            ValueTypes.listOf(ValueTypes.nonBlankText().require(UpnpTypes::isServiceType,
                    "urn:domain:service:Name:version")), List.of(), "Service types to subscribe, e.g."
                    + " [urn:schemas-upnp-org:service:RenderingControl:1]; empty: every evented service.");
    /** UDNs. */
    public static final Setting<List<String>> RULE_UDNS = RULE.define("udns",
            ValueTypes.listOf(ValueTypes.nonBlankText()), List.of(), "UDNs, e.g. [uuid:…]; empty: any.");

    /** The {@code discovery} section. */
    public static final Section SECTION = Section.create("discovery", "The gateway as a control point: the registry"
            + " of UPnP devices on the network (GET /upnp/devices) and the rules choosing which to follow.");
    /** Whether discovery runs. */
    public static final Setting<Boolean> ENABLED = SECTION.define("enabled", ValueTypes.bool(), true,
            "Whether the gateway keeps a registry of the devices on the network (needs ssdp.enabled).");
    /** The search target. */
    public static final Setting<String> SEARCH_TARGET = SECTION.define("search-target", ValueTypes.nonBlankText(),
            "upnp:rootdevice", "ST of the gateway's M-SEARCH (UDA 2.0 §1.3.2), e.g. ssdp:all.");
    /** How often the gateway searches. */
    public static final Setting<Duration> SEARCH_INTERVAL = SECTION.define("search-interval",
            ValueTypes.positiveDuration(), Duration.ofMinutes(10), "How often the gateway searches; it also"
                    + " searches at start and hears advertisements at any time.");
    /** MX of searches. */
    public static final Setting<Integer> SEARCH_MX = SECTION.define("search-mx",
            ValueTypes.integer().range(1, 5).unit("seconds"), 2, "MX of the gateway's M-SEARCH: devices answer"
                    + " within this many seconds.");
    /** Devices in the registry. */
    public static final Setting<Integer> MAX_DEVICES = SECTION.define("max-devices",
            ValueTypes.integer().atLeast(1).unit("devices"), 256, "Root devices the registry holds; further"
                    + " ones are ignored (and counted) until others leave.");
    /** Largest description. */
    public static final Setting<Integer> MAX_DESCRIPTION_SIZE = SECTION.define("max-description-size",
            ValueTypes.size().atLeast(1024), 256 * 1024, "Largest device description read; a larger one is refused"
                    + " and counted.");
    /** Description fetch timeout. */
    public static final Setting<Duration> DESCRIPTION_TIMEOUT = SECTION.define("description-timeout",
            ValueTypes.positiveDuration(), Duration.ofSeconds(10), "Timeout of a description fetch.");
    /** Description fetches at once. */
    public static final Setting<Integer> CONCURRENT_FETCHES = SECTION.define("concurrent-fetches",
            ValueTypes.integer().range(1, 256).unit("fetches"), 8, "Descriptions fetched at once.");
    /** The rules. */
    public static final Setting<List<Settings>> RULES = SECTION.define("rules",
            ValueTypes.listOf(ValueTypes.section(RULE)), List.of(), "Which devices to follow (default none: the"
                    + " gateway subscribes to nothing it was not asked to); their evented variables become retained"
                    + " upnp/<udn>/<serviceId>/<variable>, their presence upnp/<udn>/online, e.g.\n"
                    + "- device-types: [urn:schemas-upnp-org:device:MediaRenderer:1]\n"
                    + "  service-types: [urn:schemas-upnp-org:service:RenderingControl:1]");

    private DiscoveryConfig() {
    }

    /** @return the defaults: registry on, searching for upnp:rootdevice every 10 min, no rules */
    public static Settings defaults() {
        return SECTION.defaults();
    }
}
