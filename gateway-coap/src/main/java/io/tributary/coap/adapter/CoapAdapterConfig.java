package io.tributary.coap.adapter;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.tributary.coap.CoapConfig;
import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;

/**
 * The {@code coap} section of a gateway: whether the CoAP adapter runs, its endpoint ({@link CoapConfig}, written
 * at this level) and the devices it polls. {@link CoapAdapter#create(Settings)} takes its values.
 */
public final class CoapAdapterConfig {

    /** One polled device. */
    public static final Section POLL = Section.create("poll", "A device read periodically, published as the"
            + " retained value of coap/<name>/<path>.");
    /** The device's name. */
    public static final Setting<String> POLL_NAME = POLL.required("name", ValueTypes.nonBlankText(),
            "Device name, one topic segment.");
    /** What to read. */
    public static final Setting<URI> POLL_URI = POLL.required("uri", ValueTypes.uri(),
            "What to GET, a coap://host[:port]/path URI.");
    /** Time between reads. */
    public static final Setting<Duration> POLL_INTERVAL = POLL.define("interval",
            ValueTypes.duration().atLeast(Duration.ofSeconds(1)), Duration.ofSeconds(60), "Time between reads.");
    /** CON or NON reads. */
    public static final Setting<Boolean> POLL_CONFIRMABLE = POLL.define("confirmable", ValueTypes.bool(), true,
            "CON (true) or NON (false) requests.");

    static {
        POLL.checkBy(POLL_NAME, s -> DevicePoll.checkName(s.get(POLL_NAME)));
        POLL.checkBy(POLL_URI, s -> DevicePoll.checkUri(s.get(POLL_URI)));
    }

    /** The {@code coap} section. */
    public static final Section SECTION = Section.create("coap", "CoAP (RFC 7252) over UDP. The resource tree"
            + " /ps/<topic...> is a window on the router: POST/PUT publishes (2.01 Created / 2.04 Changed, If-Match"
            + " and If-None-Match applied), GET reads the retained value, GET with Observe follows it (RFC 7641),"
            + " DELETE clears it; values up to max-body-size travel in blocks (RFC 7959).");
    /** Whether the adapter runs. */
    public static final Setting<Boolean> ENABLED = SECTION.define("enabled", ValueTypes.bool(), true,
            "Whether the CoAP adapter runs.");
    /** The endpoint. */
    public static final Setting<Settings> ENDPOINT = SECTION.inline(CoapConfig.SECTION);
    /** Polled devices. */
    public static final Setting<List<Settings>> POLLS = SECTION.define("polls",
            ValueTypes.listOf(ValueTypes.section(POLL)), List.of(), "Devices read periodically, published as"
                    + " coap/<name>/<path>, e.g.\n"
                    + "- {name: kitchen, uri: \"coap://192.0.2.5/sensors/temp\", interval: 30s, confirmable: true}");

    private CoapAdapterConfig() {
    }

    /** @return the defaults: enabled, the endpoint defaults, no polls */
    public static Settings defaults() {
        return SECTION.defaults();
    }

    /**
     * @param poll values of {@link #POLL}
     * @return the device poll they describe
     * @throws IllegalArgumentException if they do not describe a valid poll
     */
    public static DevicePoll poll(Settings poll) {
        return new DevicePoll(poll.get(POLL_NAME), poll.get(POLL_URI), poll.get(POLL_INTERVAL),
                poll.get(POLL_CONFIRMABLE));
    }
}
