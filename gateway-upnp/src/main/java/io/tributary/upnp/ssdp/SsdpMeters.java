package io.tributary.upnp.ssdp;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The SSDP meters: {@code tributary.upnp.ssdp.received{type=notify|search|response}},
 * {@code tributary.upnp.ssdp.dropped{reason}} for datagrams dropped unanswered (malformed, off-subnet, rate-limited,
 * bad search headers), {@code tributary.upnp.ssdp.searches{result=answered|no-match}} and
 * {@code tributary.upnp.ssdp.sent{type=alive|byebye|update|response}}.
 */
final class SsdpMeters {

    /** Every drop reason, registered at zero so dashboards see them before the first drop. */
    static final String[] DROP_REASONS = {"too-large", "too-many-headers", "not-http", "bad-header", "off-subnet",
        "rate-limited", "man-invalid", "mx-invalid", "st-missing"};

    private final Map<String, Counter> dropped = new HashMap<>();
    private final Map<String, Counter> sent = new HashMap<>();
    private final Map<String, Counter> received = new HashMap<>();
    private final Map<String, Counter> searches = new HashMap<>();

    SsdpMeters(MeterRegistry registry) {
        for (String reason : DROP_REASONS) {
            dropped.put(reason, Counter.builder("tributary.upnp.ssdp.dropped").tag("reason", reason)
                    .description("SSDP datagrams dropped unanswered").register(registry));
        }
        for (String type : new String[] {"alive", "byebye", "update", "response"}) {
            sent.put(type, Counter.builder("tributary.upnp.ssdp.sent").tag("type", type)
                    .description("SSDP messages sent").register(registry));
        }
        for (String type : new String[] {"notify", "search", "response"}) {
            received.put(type, Counter.builder("tributary.upnp.ssdp.received").tag("type", type)
                    .description("SSDP messages received").register(registry));
        }
        for (String result : new String[] {"answered", "no-match"}) {
            searches.put(result, Counter.builder("tributary.upnp.ssdp.searches").tag("result", result)
                    .description("M-SEARCHes accepted, by result").register(registry));
        }
    }

    void dropped(String reason) {
        dropped.get(reason).increment();
    }

    void sent(String type, int count) {
        sent.get(type).increment(count);
    }

    void received(String type) {
        received.get(type).increment();
    }

    void search(String result) {
        searches.get(result).increment();
    }
}
