package io.tributary.upnp.subscriber;

import java.net.URI;
import java.time.Duration;

import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;

/**
 * The settings of a GENA subscriber (UDA 2.0 §4.1): the callback address given to publishers, the TIMEOUT asked,
 * NOTIFY limits, request timeouts, renewal and re-subscription. {@link GenaSubscriber#create(Settings)} takes
 * their values.
 */
public final class SubscriberConfig {

    /** The {@code subscriber} section. */
    public static final Section SECTION = Section.create("subscriber", "The GENA subscriber (control-point side).");

    /** Advertised callback base. */
    public static final Setting<URI> CALLBACK_ADDRESS = SECTION.optional("callback-address", ValueTypes.uri(),
            "Advertised callback base for publishers, e.g. http://192.168.1.10:8080 behind Docker or on multi-homed"
                    + " hosts; unset: the local address of each connection and the HTTP port.");
    /** TIMEOUT asked of publishers. */
    public static final Setting<Duration> TIMEOUT = SECTION.define("timeout",
            ValueTypes.duration().atLeast(Duration.ofSeconds(1)), Duration.ofSeconds(1800),
            "TIMEOUT asked of publishers; renewal at about half the granted time.");
    /** NOTIFY body cap. */
    public static final Setting<Integer> MAX_BODY_SIZE = SECTION.define("max-body-size",
            ValueTypes.size().atLeast(256), 256 * 1024, "Largest NOTIFY body accepted; 413 beyond.");
    /** Early-NOTIFY hold. */
    public static final Setting<Duration> HOLD_TIMEOUT = SECTION.define("hold-timeout", ValueTypes.positiveDuration(),
            Duration.ofSeconds(5), "How long a NOTIFY that arrives before the SUBSCRIBE answer waits for its SID.");
    /** SUBSCRIBE connect timeout. */
    public static final Setting<Duration> CONNECT_TIMEOUT = SECTION.define("connect-timeout",
            ValueTypes.positiveDuration().atMost(Duration.ofMinutes(5)), Duration.ofSeconds(5),
            "Connect timeout of SUBSCRIBE and UNSUBSCRIBE.");
    /** SUBSCRIBE answer timeout. */
    public static final Setting<Duration> REQUEST_TIMEOUT = SECTION.define("request-timeout",
            ValueTypes.positiveDuration(), Duration.ofSeconds(10), "Answer timeout of SUBSCRIBE and UNSUBSCRIBE.");
    /** Renewal jitter. */
    public static final Setting<Double> RENEWAL_JITTER = SECTION.define("renewal-jitter",
            ValueTypes.real().range(0.0, 0.5), 0.1, "Renewal happens at half the granted time, plus or minus this"
                    + " fraction of it.");
    /** Events buffered per subscription. */
    public static final Setting<Integer> BUFFER_CAPACITY = SECTION.define("buffer-capacity",
            ValueTypes.integer().atLeast(2).unit("events"), 256, "Events waiting for a slow consumer per"
                    + " subscription; beyond it an event merges into the last waiting one, or next to a gap signal"
                    + " the oldest is dropped (tributary_upnp_subscriber_coalesced_total).");
    /** First re-subscription back-off. */
    public static final Setting<Duration> MIN_BACKOFF = SECTION.define("min-backoff", ValueTypes.positiveDuration(),
            Duration.ofSeconds(1), "First wait before a failed SUBSCRIBE is tried again; doubles up to max-backoff.");
    /** Longest re-subscription back-off. */
    public static final Setting<Duration> MAX_BACKOFF = SECTION.define("max-backoff", ValueTypes.positiveDuration(),
            Duration.ofMinutes(5), "Longest wait between SUBSCRIBE attempts.");

    static {
        SECTION.check(CALLBACK_ADDRESS, s -> s.find(CALLBACK_ADDRESS)
                .filter(uri -> !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null)
                .map(uri -> "must be an http:// URL with a host, was " + uri).orElse(null));
        SECTION.check(MAX_BACKOFF, s -> s.get(MAX_BACKOFF).compareTo(s.get(MIN_BACKOFF)) < 0
                ? "must not be shorter than min-backoff" : null);
    }

    private SubscriberConfig() {
    }

    /** @return the defaults: TIMEOUT 1800 s asked, 256 KiB bodies, back-off 1 s to 5 min */
    public static Settings defaults() {
        return SECTION.defaults();
    }
}
