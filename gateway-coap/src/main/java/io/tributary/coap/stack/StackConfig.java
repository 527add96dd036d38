package io.tributary.coap.stack;

import java.time.Duration;

import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;

/**
 * The protocol parameters of a CoAP stack (RFC 7252 §4.8, Observe of RFC 7641, block-wise transfer of RFC 7959)
 * and the memory caps around them; values of {@link #SECTION} are given to each {@link CoapStack}. Derived values
 * (MAX_TRANSMIT_SPAN, MAX_TRANSMIT_WAIT, EXCHANGE_LIFETIME, NON_LIFETIME) follow §4.8.2 unless set.
 */
public final class StackConfig {

    /** The protocol parameters; written at the level of the {@code coap} section. */
    public static final Section SECTION = Section.create("protocol",
            "Transmission parameters (RFC 7252 §4.8), Observe (RFC 7641), block-wise transfer (RFC 7959) and the state"
                    + " kept per peer.");

    /** ACK_TIMEOUT. */
    public static final Setting<Duration> ACK_TIMEOUT = SECTION.define("ack-timeout", ValueTypes.positiveDuration(),
            Duration.ofSeconds(2), "ACK_TIMEOUT (RFC 7252 §4.8): the first retransmission timeout before"
                    + " randomisation.");
    /** ACK_RANDOM_FACTOR. */
    public static final Setting<Double> ACK_RANDOM_FACTOR = SECTION.define("ack-random-factor",
            ValueTypes.real().atLeast(1.0), 1.5, "ACK_RANDOM_FACTOR (RFC 7252 §4.8): the first timeout is random"
                    + " in [ACK_TIMEOUT, ACK_TIMEOUT x factor].");
    /** MAX_RETRANSMIT. */
    public static final Setting<Integer> MAX_RETRANSMIT = SECTION.define("max-retransmit",
            ValueTypes.integer().range(0, 20), 4, "MAX_RETRANSMIT (RFC 7252 §4.8): retransmissions of a CON"
                    + " before giving up.");
    /** NSTART. */
    public static final Setting<Integer> NSTART = SECTION.define("nstart", ValueTypes.integer().atLeast(1), 1,
            "NSTART (RFC 7252 §4.7): outstanding client interactions per peer; more wait in a queue.");
    /** DEFAULT_LEISURE. */
    public static final Setting<Duration> DEFAULT_LEISURE = SECTION.define("default-leisure",
            ValueTypes.nonNegativeDuration(), Duration.ofSeconds(5), "DEFAULT_LEISURE (RFC 7252 §8.2): responses"
                    + " to multicast requests wait a random time up to this.");
    /** EXCHANGE_LIFETIME, when set. */
    public static final Setting<Duration> EXCHANGE_LIFETIME = SECTION.optional("exchange-lifetime",
            ValueTypes.positiveDuration(), "EXCHANGE_LIFETIME (RFC 7252 §4.8.2): how long a CON message ID is"
                    + " remembered and not reused; unset: derived, 247 s with the default parameters.");
    /** NON_LIFETIME, when set. */
    public static final Setting<Duration> NON_LIFETIME = SECTION.optional("non-lifetime",
            ValueTypes.positiveDuration(), "NON_LIFETIME (RFC 7252 §4.8.2): how long a NON message ID is"
                    + " remembered; unset: derived, 145 s with the default parameters.");
    /** How long a handler may take before the empty ACK. */
    public static final Setting<Duration> SEPARATE_RESPONSE_DELAY = SECTION.define("separate-response-delay",
            ValueTypes.nonNegativeDuration(), Duration.ofSeconds(1), "How long a handler may take before the server"
                    + " sends an empty ACK and answers later with a separate response (RFC 7252 §5.2.2).");
    /** Message IDs remembered per peer. */
    public static final Setting<Integer> DEDUP_PER_PEER = SECTION.define("dedup-per-peer",
            ValueTypes.integer().atLeast(1).unit("messages"), 512, "Message IDs remembered per peer for"
                    + " deduplication (RFC 7252 §4.5); the oldest is evicted beyond this, counted.");
    /** Message IDs remembered in total. */
    public static final Setting<Integer> DEDUP_TOTAL = SECTION.define("dedup-total",
            ValueTypes.integer().atLeast(1).unit("messages"), 500_000, "Message IDs remembered in total for"
                    + " deduplication (RFC 7252 §4.5); the oldest is evicted beyond this, counted.");
    /** Peers tracked at once. */
    public static final Setting<Integer> MAX_PEERS = SECTION.define("max-peers",
            ValueTypes.integer().atLeast(1).unit("peers"), 100_000, "Peers tracked at once; requests from"
                    + " further peers get 5.03 Service Unavailable.");
    /** Resolution of the retransmission timer wheel. */
    public static final Setting<Duration> TIMER_TICK = SECTION.define("timer-tick", ValueTypes.positiveDuration(),
            Duration.ofMillis(1), "Resolution of the retransmission timer wheel.");
    /** Length of client tokens. */
    public static final Setting<Integer> TOKEN_LENGTH = SECTION.define("token-length",
            ValueTypes.integer().range(4, 8).unit("bytes"), 8, "Length of the random tokens of client requests"
                    + " (RFC 7252 §5.3.1).");
    /** Client requests waiting for NSTART per peer. */
    public static final Setting<Integer> MAX_QUEUED_REQUESTS_PER_PEER = SECTION.define(
            "max-queued-requests-per-peer", ValueTypes.integer().atLeast(0).unit("requests"), 1024,
            "Client requests that may wait for an NSTART slot per peer; more fail at once.");

    /** Block size of block-wise transfers. */
    public static final Setting<Integer> BLOCK_SIZE = SECTION.define("block-size", ValueTypes.size().range(16, 1024)
            .require(size -> Integer.bitCount(size) == 1, "a power of two"), 1024, "Block size of block-wise"
                    + " transfers (RFC 7959 §2.2): a larger response is split into Block2 blocks whether asked or"
                    + " not, so no answer to an unverified peer exceeds one block (RFC 7252 §11.3); a peer asking"
                    + " for smaller blocks gets them; the client sends larger bodies in Block1 blocks.");
    /** Largest body reassembled from blocks. */
    public static final Setting<Integer> MAX_BODY_SIZE = SECTION.define("max-body-size",
            ValueTypes.size().atLeast(16), 1 << 20, "Largest body reassembled from blocks: a Block1 upload announced"
                    + " (Size1) or grown beyond it gets 4.13 with Size1 naming the limit (RFC 7959 §2.9.3); the"
                    + " client refuses larger Block2 responses.");
    /** Block-wise transfers in progress per peer. */
    public static final Setting<Integer> MAX_TRANSFERS_PER_PEER = SECTION.define("max-transfers-per-peer",
            ValueTypes.integer().atLeast(1).unit("transfers"), 4, "Block-wise transfers a peer may have in"
                    + " progress: Block1 uploads being reassembled, kept apart by Request-Tag (RFC 9175 §3), and"
                    + " responses to other methods served block by block (RFC 7959 §2.5); a new one evicts the"
                    + " peer's oldest, counted.");
    /** Bytes held by block-wise transfers. */
    public static final Setting<Integer> MAX_TRANSFER_BYTES = SECTION.define("max-transfer-bytes",
            ValueTypes.size().atLeast(1024), 16 << 20, "Bytes held in total by block-wise transfers in progress;"
                    + " a block that does not fit gets 5.03, counted. A transfer expires EXCHANGE_LIFETIME after"
                    + " its last block, counted (RFC 7959 §2.4).");
    /** Observe relations in total. */
    public static final Setting<Integer> MAX_OBSERVERS = SECTION.define("max-observers",
            ValueTypes.integer().atLeast(0).unit("relations"), 100_000, "Observe relations held in total (RFC 7641"
                    + " §4.1); a registration beyond is answered as a plain GET, without Observe, and counted.");
    /** Observe relations per peer. */
    public static final Setting<Integer> MAX_OBSERVERS_PER_PEER = SECTION.define("max-observers-per-peer",
            ValueTypes.integer().atLeast(0).unit("relations"), 128, "Observe relations one peer may hold (RFC 7641"
                    + " §4.1); a registration beyond is answered as a plain GET, without Observe, and counted.");
    /** Message type of notifications. */
    public static final Setting<NotificationType> NOTIFICATION_TYPE = SECTION.define("notification-type",
            ValueTypes.choice(NotificationType.class), NotificationType.FOLLOW_REGISTRATION, "Message type of"
                    + " notifications (RFC 7641 §4.5): follow-registration (CON for a CON registration, NON for a"
                    + " NON one), confirmable or non-confirmable.");
    /** Longest time between CON notifications of a relation. */
    public static final Setting<Duration> NOTIFICATION_CHECK_INTERVAL_TIME = SECTION.define(
            "notification-check-interval-time", ValueTypes.positiveDuration(), Duration.ofHours(24),
            "A relation notified with NON gets a CON notification at least this often, so a dead observer is"
                    + " found and removed (RFC 7641 §4.5).");
    /** Most NON notifications of a relation between two CON ones. */
    public static final Setting<Integer> NOTIFICATION_CHECK_INTERVAL_COUNT = SECTION.define(
            "notification-check-interval-count", ValueTypes.integer().atLeast(1).unit("notifications"), 100,
            "A relation notified with NON gets a CON notification at least every this many notifications"
                    + " (RFC 7641 §4.5).");
    /** Client: margin after Max-Age before re-registering. */
    public static final Setting<Duration> OBSERVE_REREGISTRATION_MARGIN = SECTION.define(
            "observe-reregistration-margin", ValueTypes.nonNegativeDuration(), Duration.ofSeconds(2),
            "Client: an observation re-registers when Max-Age plus this margin passes without a notification"
                    + " (RFC 7641 §3.3.1).");
    /** Client: how a cancelled observation ends. */
    public static final Setting<ObserveCancel> OBSERVE_CANCEL = SECTION.define("observe-cancel",
            ValueTypes.choice(ObserveCancel.class), ObserveCancel.DEREGISTER, "Client: how a cancelled observation"
                    + " ends (RFC 7641 §3.6): deregister (a GET with Observe 1) or reset (RST to the next"
                    + " notification).");

    /** The 100 s of MAX_LATENCY (RFC 7252 §4.8.2). */
    private static final Duration MAX_LATENCY = Duration.ofSeconds(100);

    private StackConfig() {
    }

    /** @return the RFC 7252 defaults */
    public static Settings defaults() {
        return SECTION.defaults();
    }

    /**
     * @param settings values of {@link #SECTION}
     * @return MAX_TRANSMIT_SPAN (§4.8.2): ACK_TIMEOUT x (2^MAX_RETRANSMIT - 1) x ACK_RANDOM_FACTOR
     */
    public static Duration maxTransmitSpan(Settings settings) {
        return scale(settings.get(ACK_TIMEOUT),
                ((1L << settings.get(MAX_RETRANSMIT)) - 1) * settings.get(ACK_RANDOM_FACTOR));
    }

    /**
     * @param settings values of {@link #SECTION}
     * @return MAX_TRANSMIT_WAIT (§4.8.2): ACK_TIMEOUT x (2^(MAX_RETRANSMIT + 1) - 1) x ACK_RANDOM_FACTOR
     */
    public static Duration maxTransmitWait(Settings settings) {
        return scale(settings.get(ACK_TIMEOUT),
                ((1L << (settings.get(MAX_RETRANSMIT) + 1)) - 1) * settings.get(ACK_RANDOM_FACTOR));
    }

    /**
     * @param settings values of {@link #SECTION}
     * @return EXCHANGE_LIFETIME as set, else MAX_TRANSMIT_SPAN + 2 x MAX_LATENCY + PROCESSING_DELAY (§4.8.2)
     */
    public static Duration exchangeLifetime(Settings settings) {
        return settings.find(EXCHANGE_LIFETIME).orElseGet(() -> maxTransmitSpan(settings)
                .plus(MAX_LATENCY.multipliedBy(2)).plus(settings.get(ACK_TIMEOUT)));
    }

    /**
     * @param settings values of {@link #SECTION}
     * @return NON_LIFETIME as set, else MAX_TRANSMIT_SPAN + MAX_LATENCY (§4.8.2)
     */
    public static Duration nonLifetime(Settings settings) {
        return settings.find(NON_LIFETIME).orElseGet(() -> maxTransmitSpan(settings).plus(MAX_LATENCY));
    }

    private static Duration scale(Duration duration, double factor) {
        return Duration.ofNanos((long) (duration.toNanos() * factor));
    }
}
