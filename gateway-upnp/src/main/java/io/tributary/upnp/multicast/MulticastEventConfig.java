package io.tributary.upnp.multicast;

import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;

/**
 * The {@code multicast-events} section: multicast eventing (UDA 2.0 §4.3.3), {@code NOTIFY *} to
 * 239.255.255.246:7900 ({@code [ff02::130]} on IPv6), sent for variables marked {@code multicast} and received for
 * followed devices.
 */
public final class MulticastEventConfig {

    /** The {@code multicast-events} section. */
    public static final Section SECTION = Section.create("multicast-events", "Multicast eventing (UDA 2.0 §4.3.3):"
            + " NOTIFY * to 239.255.255.246:7900, sent for variables marked multicast, received from followed"
            + " devices.");
    /** Whether multicast events are sent and received. */
    public static final Setting<Boolean> ENABLED = SECTION.define("enabled", ValueTypes.bool(), true,
            "Whether multicast events are sent (for variables marked multicast) and received (from followed"
                    + " devices); needs ssdp.enabled.");
    /** The UDP port. */
    public static final Setting<Integer> PORT = SECTION.define("port", ValueTypes.port(), 7900,
            "UDP port of multicast events; 7900 on a real network, 0 for tests.");
    /** The LVL header. */
    public static final Setting<String> LEVEL = SECTION.define("level", ValueTypes.nonBlankText().require(
            level -> level.matches("upnp:/(emergency|fault|warning|info|debug|general)"), "an event level"),
            "upnp:/info", "LVL of the events"
            + " sent: upnp:/emergency, upnp:/fault, upnp:/warning, upnp:/info, upnp:/debug or upnp:/general.");
    /** Largest datagram. */
    public static final Setting<Integer> MAX_DATAGRAM_SIZE = SECTION.define("max-datagram-size",
            ValueTypes.size().range(512, 65507), 1472, "Largest event datagram sent or received; an event that"
                    + " does not fit is not sent (counted), one received larger is dropped.");

    private MulticastEventConfig() {
    }

    /** @return the defaults: on, port 7900, level upnp:/info, 1472-byte datagrams */
    public static Settings defaults() {
        return SECTION.defaults();
    }
}
