package io.tributary.core.gateway;

import java.util.Locale;

/** Why the shared HTTP listener refused a connection or request; the {@code reason} tag of its meter. */
enum HttpRefusal {
    /** {@code http.max-connections} reached. */
    CONNECTIONS,
    /** {@code http.max-connections-per-address} reached for the client's address. */
    CONNECTIONS_PER_ADDRESS,
    /** Request line and headers not complete within {@code http.header-timeout}. */
    HEADER_TIMEOUT,
    /** Body not complete within {@code http.body-timeout} (408). */
    BODY_TIMEOUT,
    /** More than {@code http.max-headers} header fields (431). */
    HEADER_FIELDS,
    /** Header section over {@code http.max-header-size} (431). */
    HEADER_SIZE,
    /** Request line over {@code http.max-request-line} (414). */
    REQUEST_LINE;

    /** @return the tag value, e.g. {@code header-timeout} */
    String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
