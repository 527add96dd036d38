package io.tributary.core.gateway;

import java.time.Duration;

import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;

/**
 * The shared HTTP listener's settings (section {@code http}): its address and the limits that keep one peer from
 * holding it — slowloris headers, idle keep-alive connections, slow bodies, too many connections, oversized headers.
 * Every refusal is counted in {@code tributary_http_refused_total{reason}}.
 */
public final class HttpListenerConfig {

    /** The {@code http} section. */
    public static final Section SECTION = Section.create("http", "The one HTTP listener (PnP, GENA, /health,"
            + " /metrics) and its limits against hostile clients.");

    /** Bind address. */
    public static final Setting<String> HOST = SECTION.define("host", ValueTypes.nonBlankText(), "0.0.0.0",
            "Bind address.");
    /** TCP port. */
    public static final Setting<Integer> PORT = SECTION.define("port", ValueTypes.port(), 8080,
            "TCP port, 0 for any free port.");
    /** Time to receive a request's line and headers. */
    public static final Setting<Duration> HEADER_TIMEOUT = SECTION.define("header-timeout",
            ValueTypes.positiveDuration(), Duration.ofSeconds(10), "Time from a request's first byte until its"
                    + " request line and headers are complete; beyond it the connection is closed (slowloris).");
    /** Keep-alive idle time. */
    public static final Setting<Duration> IDLE_TIMEOUT = SECTION.define("idle-timeout",
            ValueTypes.positiveDuration(), Duration.ofSeconds(60), "How long a connection may wait for its next"
                    + " request (keep-alive, RFC 9112 §9.3) before it is closed.");
    /** Time to receive a request's body. */
    public static final Setting<Duration> BODY_TIMEOUT = SECTION.define("body-timeout",
            ValueTypes.positiveDuration(), Duration.ofSeconds(30), "Time to receive a request's whole body after its"
                    + " headers; beyond it the request gets 408 and the connection is closed.");
    /** Connections at once, in total. */
    public static final Setting<Integer> MAX_CONNECTIONS = SECTION.define("max-connections",
            ValueTypes.integer().atLeast(1).unit("connections"), 10_000,
            "Connections open at once in total; a further one is closed at once.");
    /** Connections at once from one address. */
    public static final Setting<Integer> MAX_CONNECTIONS_PER_ADDRESS = SECTION.define("max-connections-per-address",
            ValueTypes.integer().atLeast(1).unit("connections"), 1024, "Connections open at once from one client"
                    + " address; a further one is closed at once, while other addresses are served.");
    /** Bytes of a request's headers. */
    public static final Setting<Integer> MAX_HEADER_SIZE = SECTION.define("max-header-size",
            ValueTypes.size().range(1024, 1 << 20), 16 * 1024,
            "Largest size of a request's header section; beyond it the request gets 431.");
    /** Header fields per request. */
    public static final Setting<Integer> MAX_HEADERS = SECTION.define("max-headers",
            ValueTypes.integer().range(1, 10_000).unit("fields"), 100,
            "Most header fields in one request; beyond it the request gets 431.");
    /** Length of a request line. */
    public static final Setting<Integer> MAX_REQUEST_LINE = SECTION.define("max-request-line",
            ValueTypes.size().range(256, 1 << 20), 8 * 1024,
            "Longest request line (method, target, version); beyond it the request gets 414.");

    private HttpListenerConfig() {
    }

    /** @return the defaults: 0.0.0.0:8080, 10 s headers, 60 s idle, 30 s bodies, 10,000 connections, 1,024 per address */
    public static Settings defaults() {
        return SECTION.defaults();
    }
}
