package io.tributary.upnp.control;

import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;

/** The {@code control} section: limits of SOAP action requests on the control URLs (UDA 2.0 §3). */
public final class ControlConfig {

    /** The {@code control} section. */
    public static final Section SECTION = Section.create("control", "SOAP control (UDA 2.0 §3) on the control URLs"
            + " under /upnp/control/.");
    /** Largest request body. */
    public static final Setting<Integer> MAX_BODY_SIZE = SECTION.define("max-body-size",
            ValueTypes.size().atLeast(256), 64 * 1024, "Largest action request body; 413 with a UPnP fault beyond.");

    private ControlConfig() {
    }

    /** @return the defaults: 64 KiB bodies */
    public static Settings defaults() {
        return SECTION.defaults();
    }
}
