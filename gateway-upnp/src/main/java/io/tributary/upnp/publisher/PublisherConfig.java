package io.tributary.upnp.publisher;

import java.time.Duration;
import java.util.List;

import io.tributary.core.config.ScalarType;
import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;
import io.tributary.upnp.net.Cidr;

/**
 * The settings of a GENA publisher (UDA 2.0 §4.1–§4.3): TIMEOUT grants, subscription limits, NOTIFY delivery,
 * and the CallStranger (CVE-2020-12695) and DNS-rebinding defences. {@link GenaPublisher#settings(Settings)} takes
 * their values.
 */
public final class PublisherConfig {

    /** The {@code publisher} section. */
    public static final Section SECTION = Section.create("publisher", "The GENA publisher (device side).");

    /** Shortest TIMEOUT granted. */
    public static final Setting<Duration> TIMEOUT_MIN = SECTION.define("timeout-min",
            ValueTypes.duration().atLeast(Duration.ofSeconds(1)), Duration.ofSeconds(1800), "Shortest TIMEOUT"
                    + " granted: a requested TIMEOUT is clamped to [timeout-min, timeout-max] (UDA 1.1 §4.1.2).");
    /** TIMEOUT granted when none or infinite is asked. */
    public static final Setting<Duration> TIMEOUT_DEFAULT = SECTION.define("timeout-default",
            ValueTypes.duration().atLeast(Duration.ofSeconds(1)), Duration.ofSeconds(1800), "TIMEOUT granted when"
                    + " none or \"infinite\" is asked (UDA 1.1 forbids granting infinite).");
    /** Longest TIMEOUT granted. */
    public static final Setting<Duration> TIMEOUT_MAX = SECTION.define("timeout-max",
            ValueTypes.duration().atLeast(Duration.ofSeconds(1)), Duration.ofSeconds(3600), "Longest TIMEOUT granted.");
    /** Subscriptions in total. */
    public static final Setting<Integer> MAX_SUBSCRIPTIONS = SECTION.define("max-subscriptions",
            ValueTypes.integer().atLeast(1).unit("subscriptions"), 10_000,
            "Subscriptions in total; a SUBSCRIBE beyond gets 503.");
    /** Subscriptions per requester address. */
    public static final Setting<Integer> MAX_SUBSCRIPTIONS_PER_REQUESTER = SECTION.define(
            "max-subscriptions-per-requester", ValueTypes.integer().atLeast(1).unit("subscriptions"), 64,
            "Subscriptions per requester IP address; a SUBSCRIBE beyond gets 503.");
    /** NOTIFY messages waiting per subscription. */
    public static final Setting<Integer> QUEUE_CAPACITY = SECTION.define("queue-capacity",
            ValueTypes.integer().atLeast(1).unit("messages"), 32, "NOTIFY messages waiting per subscription (one"
                    + " is in flight); beyond it changes merge into the last waiting message"
                    + " (tributary_upnp_notify_coalesced_total).");
    /** Connect timeout per callback URL. */
    public static final Setting<Duration> NOTIFY_CONNECT_TIMEOUT = SECTION.define("notify-connect-timeout",
            ValueTypes.positiveDuration().atMost(Duration.ofMinutes(5)), Duration.ofSeconds(5),
            "Connect timeout per callback URL.");
    /** Answer timeout of one NOTIFY. */
    public static final Setting<Duration> NOTIFY_TIMEOUT = SECTION.define("notify-timeout",
            ValueTypes.positiveDuration(), Duration.ofSeconds(10), "Answer timeout of one NOTIFY.");
    /** Undelivered messages in a row that end a subscription. */
    public static final Setting<Integer> MAX_DELIVERY_FAILURES = SECTION.define("max-delivery-failures",
            ValueTypes.integer().atLeast(1).unit("messages"), 3,
            "Messages in a row that no callback URL accepted before the subscription ends.");
    /** Which callback hosts are in scope. */
    public static final Setting<CallbackScope> CALLBACK_SCOPE = SECTION.define("callback-scope",
            ValueTypes.choice(CallbackScope.class), CallbackScope.SUBNET, "CallStranger"
                    + " (CVE-2020-12695) defence. subnet: a callback host must be the requester itself or in the subnet"
                    + " of the listener address the SUBSCRIBE arrived on; requester: the requester only. Callback"
                    + " hosts must be IP literals (never resolved), http:// only.");
    /** Value type of CIDR networks. */
    public static final ScalarType<Cidr> CIDR = Cidr.VALUE_TYPE;
    /** Networks whose hosts are always accepted as callbacks. */
    public static final Setting<List<Cidr>> ALLOWED_NETWORKS = SECTION.define("allowed-networks",
            ValueTypes.listOf(CIDR), List.of(), "CIDR networks whose hosts are always accepted as callback hosts,"
                    + " e.g. [172.17.0.0/16].");
    /** CALLBACK URLs accepted per SUBSCRIBE. */
    public static final Setting<Integer> MAX_CALLBACK_URLS = SECTION.define("max-callback-urls",
            ValueTypes.integer().atLeast(1).unit("URLs"), 6, "CALLBACK URLs accepted per SUBSCRIBE; more is 412.");
    /** Bytes per CALLBACK URL. */
    public static final Setting<Integer> MAX_CALLBACK_URL_LENGTH = SECTION.define("max-callback-url-length",
            ValueTypes.integer().atLeast(16).unit("bytes"), 256, "Longest CALLBACK URL accepted.");
    /** Whether the Host header must name the listener. */
    public static final Setting<Boolean> CHECK_HOST_HEADER = SECTION.define("check-host-header", ValueTypes.bool(),
            true, "DNS-rebinding defence: the Host header must be the listener's own IP (any port) or one of"
                    + " allowed-hosts; otherwise 400.");
    /** Further names accepted in the Host header. */
    public static final Setting<List<String>> ALLOWED_HOSTS = SECTION.define("allowed-hosts",
            ValueTypes.listOf(ValueTypes.nonBlankText()), List.of(),
            "Further host names or addresses accepted in the Host header, e.g. [gateway.lan].");
    /** Connections per subscriber address. */
    public static final Setting<Integer> MAX_CONNECTIONS_PER_SUBSCRIBER = SECTION.define(
            "max-connections-per-subscriber", ValueTypes.integer().atLeast(1).unit("connections"), 64,
            "NOTIFY connections open at once to one subscriber address.");

    static {
        SECTION.check(TIMEOUT_DEFAULT, s -> s.get(TIMEOUT_DEFAULT).compareTo(s.get(TIMEOUT_MIN)) < 0
                || s.get(TIMEOUT_DEFAULT).compareTo(s.get(TIMEOUT_MAX)) > 0
                ? "must lie between timeout-min and timeout-max, was " + ValueTypes.formatDuration(s.get(TIMEOUT_DEFAULT))
                : null);
        SECTION.check(TIMEOUT_MAX, s -> s.get(TIMEOUT_MAX).compareTo(s.get(TIMEOUT_MIN)) < 0
                ? "must not be shorter than timeout-min" : null);
    }

    private PublisherConfig() {
    }

    /** @return the defaults: 1800–3600 s grants, 10,000 subscriptions (64 per requester), subnet callbacks */
    public static Settings defaults() {
        return SECTION.defaults();
    }
}
