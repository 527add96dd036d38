package io.tributary.upnp.http;

import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.http.HttpMethod;

/**
 * GENA header names, values and their small grammars (UDA 2.0 §4.1.2, §4.2.1, §4.3.2): CALLBACK URL lists,
 * {@code Second-N} timeouts and the 32-bit SEQ event key that wraps from 4294967295 to 1.
 */
public final class GenaHeaders {

    /** The SUBSCRIBE method. */
    public static final HttpMethod SUBSCRIBE = HttpMethod.valueOf("SUBSCRIBE");
    /** The UNSUBSCRIBE method. */
    public static final HttpMethod UNSUBSCRIBE = HttpMethod.valueOf("UNSUBSCRIBE");
    /** The NOTIFY method. */
    public static final HttpMethod NOTIFY = HttpMethod.valueOf("NOTIFY");

    /** Subscription identifier header. */
    public static final String SID = "SID";
    /** Notification type header. */
    public static final String NT = "NT";
    /** Notification sub-type header. */
    public static final String NTS = "NTS";
    /** Delivery URL list header. */
    public static final String CALLBACK = "CALLBACK";
    /** Subscription duration header. */
    public static final String TIMEOUT = "TIMEOUT";
    /** Event key header. */
    public static final String SEQ = "SEQ";
    /** The only NT value of GENA. */
    public static final String UPNP_EVENT = "upnp:event";
    /** The only NTS value of unicast GENA events. */
    public static final String UPNP_PROPCHANGE = "upnp:propchange";
    /** The largest SEQ value; the next one is 1, never 0 (UDA 2.0 §4.3.2). */
    public static final long MAX_SEQ = 4_294_967_295L;
    /** TIMEOUT value meaning "no timeout requested" in {@link #parseTimeout(String)}. */
    public static final long NO_TIMEOUT = -1;

    private GenaHeaders() {
    }

    /**
     * @param seq an event key
     * @return the key of the next message: +1, wrapping from 4294967295 to 1
     */
    public static long nextSeq(long seq) {
        return seq >= MAX_SEQ ? 1 : seq + 1;
    }

    /**
     * @param value a SEQ header value
     * @return the key, or -1 when the value is missing or not a decimal number in 0..4294967295
     */
    public static long parseSeq(String value) {
        if (value == null) {
            return -1;
        }
        String text = value.trim();
        if (text.isEmpty() || text.length() > 10) {
            return -1;
        }
        long seq = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            seq = seq * 10 + (c - '0');
        }
        return seq > MAX_SEQ ? -1 : seq;
    }

    /**
     * Reads a TIMEOUT header: {@code Second-N} (case-insensitive) gives N; {@code Second-infinite}, a missing or an
     * unreadable value gives {@link #NO_TIMEOUT}, so the publisher grants its default.
     *
     * @param value the header value or {@code null}
     * @return seconds requested, or {@link #NO_TIMEOUT}
     */
    public static long parseTimeout(String value) {
        if (value == null) {
            return NO_TIMEOUT;
        }
        String text = value.trim();
        if (text.length() <= 7 || !text.regionMatches(true, 0, "Second-", 0, 7)) {
            return NO_TIMEOUT;
        }
        String number = text.substring(7).trim();
        if (number.isEmpty() || number.length() > 12) {
            return NO_TIMEOUT;
        }
        for (int i = 0; i < number.length(); i++) {
            if (!Character.isDigit(number.charAt(i)) || number.charAt(i) > '9') {
                return NO_TIMEOUT;
            }
        }
        return Long.parseLong(number);
    }

    /**
     * @param seconds a granted or requested duration
     * @return the TIMEOUT header value, e.g. {@code Second-1800}
     */
    public static String formatTimeout(long seconds) {
        return "Second-" + seconds;
    }

    /**
     * Splits a CALLBACK header into its URLs, each written between angle brackets; text outside brackets is
     * ignored, an unterminated bracket ends the list.
     *
     * @param value the header value or {@code null}
     * @param max stop after this many URLs plus one, so an oversized list is detected without reading it all
     * @return the URLs as written, without brackets (possibly empty strings)
     */
    public static List<String> parseCallbacks(String value, int max) {
        List<String> urls = new ArrayList<>(2);
        if (value == null) {
            return urls;
        }
        int from = 0;
        while (urls.size() <= max) {
            int open = value.indexOf('<', from);
            if (open < 0) {
                break;
            }
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            urls.add(value.substring(open + 1, close).trim());
            from = close + 1;
        }
        return urls;
    }
}
