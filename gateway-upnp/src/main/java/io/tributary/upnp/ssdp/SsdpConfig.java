package io.tributary.upnp.ssdp;

import java.time.Duration;
import java.util.List;

import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;
import io.tributary.upnp.net.Cidr;

/**
 * The {@code ssdp} section (UDA 2.0 §1): the interfaces SSDP runs on, advertisement timing, datagram limits and
 * the reflection defences of the search responder.
 */
public final class SsdpConfig {

    /** The {@code ssdp} section. */
    public static final Section SECTION = Section.create("ssdp", "SSDP (UDA 2.0 §1) on UDP 1900, groups"
            + " 239.255.255.250 and [ff02::c]: advertising the gateway, answering searches, hearing other devices.");

    /** Whether SSDP runs. */
    public static final Setting<Boolean> ENABLED = SECTION.define("enabled", ValueTypes.bool(), true,
            "Whether SSDP runs at all; off: neither advertising nor discovery.");
    /** Whether the gateway advertises itself and answers searches. */
    public static final Setting<Boolean> ADVERTISE = SECTION.define("advertise", ValueTypes.bool(), true,
            "Whether the gateway advertises its root device and answers M-SEARCH (UDA 2.0 §1.2, §1.3).");
    /** The interfaces. */
    public static final Setting<List<String>> INTERFACES = SECTION.define("interfaces",
            ValueTypes.listOf(ValueTypes.nonBlankText()), List.of(), "Network interfaces by name, e.g. [eth0];"
                    + " empty: every interface that is up, not loopback and multicast-capable.");
    /** Whether IPv6 is used. */
    public static final Setting<Boolean> IPV6 = SECTION.define("ipv6", ValueTypes.bool(), true,
            "Also SSDP over IPv6 on [ff02::c], when the HTTP listener accepts IPv6 (a wildcard bind on a dual-stack"
                    + " host does).");
    /** The UDP port. */
    public static final Setting<Integer> PORT = SECTION.define("port", ValueTypes.port(), 1900,
            "UDP port of SSDP; 1900 on a real network (UDA 2.0 §1.1.2), 0 for tests.");
    /** CACHE-CONTROL max-age. */
    public static final Setting<Duration> MAX_AGE = SECTION.define("max-age",
            ValueTypes.duration().range(Duration.ofSeconds(60), Duration.ofDays(1)), Duration.ofSeconds(1800),
            "CACHE-CONTROL max-age of advertisements (UDA 2.0 §1.2.2: at least 1800 s recommended); the gateway"
                    + " re-advertises at a random time between a quarter and 45 % of it.");
    /** How often each advertisement is sent. */
    public static final Setting<Integer> ADVERTISE_COUNT = SECTION.define("advertise-count",
            ValueTypes.integer().range(1, 5).unit("times"), 2, "Times each ssdp:alive and ssdp:byebye is sent (UDP"
                    + " is lossy; UDA 2.0 §1.2.2 recommends more than once).");
    /** Multicast TTL. */
    public static final Setting<Integer> TTL = SECTION.define("ttl", ValueTypes.integer().range(1, 255), 2,
            "IP TTL (hop limit) of multicast messages (UDA 2.0 §1.1.2: 2).");
    /** Largest datagram. */
    public static final Setting<Integer> MAX_DATAGRAM_SIZE = SECTION.define("max-datagram-size",
            ValueTypes.size().range(512, 65507), 2048, "Largest SSDP datagram accepted; larger ones are dropped and"
                    + " counted.");
    /** Most header lines. */
    public static final Setting<Integer> MAX_HEADERS = SECTION.define("max-headers",
            ValueTypes.integer().range(4, 256).unit("header lines"), 32, "Most header lines in a datagram; more"
                    + " and it is dropped and counted.");
    /** Answer rate per source. */
    public static final Setting<Integer> RESPONSE_RATE_PER_SOURCE = SECTION.define("response-rate-per-source",
            ValueTypes.integer().atLeast(1).unit("responses/s"), 20, "M-SEARCH responses per second to one source"
                    + " address (bursts of as many); a search that would exceed it gets none (reflection defence).");
    /** Answer rate in total. */
    public static final Setting<Integer> RESPONSE_RATE = SECTION.define("response-rate",
            ValueTypes.integer().atLeast(1).unit("responses/s"), 200, "M-SEARCH responses per second in total"
                    + " (bursts of as many).");
    /** Sources the responder keeps rates for. */
    public static final Setting<Integer> MAX_SOURCES = SECTION.define("max-sources",
            ValueTypes.integer().atLeast(1).unit("addresses"), 1024, "Source addresses whose answer rate is"
                    + " tracked; beyond it searches from new sources get no answer until entries age out.");
    /** Further networks answered. */
    public static final Setting<List<Cidr>> ALLOWED_NETWORKS = SECTION.define("allowed-networks",
            ValueTypes.listOf(Cidr.VALUE_TYPE), List.of(), "Networks whose M-SEARCHes are answered besides the"
                    + " subnets of the receiving interface, e.g. [10.0.0.0/8]; a search from anywhere else gets"
                    + " nothing.");
    /** How often interfaces are checked. */
    public static final Setting<Duration> INTERFACE_CHECK_INTERVAL = SECTION.define("interface-check-interval",
            ValueTypes.positiveDuration(), Duration.ofSeconds(30), "How often interface addresses are checked; a"
                    + " change sends ssdp:update with NEXTBOOTID.UPNP.ORG and re-advertises (UDA 2.0 §1.2.4).");

    private SsdpConfig() {
    }

    /** @return the defaults: port 1900 on every multicast interface, max-age 1800 s, 20/200 answers per second */
    public static Settings defaults() {
        return SECTION.defaults();
    }
}
