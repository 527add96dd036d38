package io.tributary.coap.message;

/** Option numbers of RFC 7252 §5.10 and §12.2 and of the RFCs that extend it, with their properties. */
public final class CoapOption {

    /** If-Match (§5.10.8.1), opaque, repeatable, critical. */
    public static final int IF_MATCH = 1;
    /** Uri-Host (§5.10.1), string, critical. */
    public static final int URI_HOST = 3;
    /** ETag (§5.10.6), opaque, elective. */
    public static final int ETAG = 4;
    /** If-None-Match (§5.10.8.2), empty, critical. */
    public static final int IF_NONE_MATCH = 5;
    /** Observe (RFC 7641), uint, elective. */
    public static final int OBSERVE = 6;
    /** Uri-Port (§5.10.1), uint, critical. */
    public static final int URI_PORT = 7;
    /** Location-Path (§5.10.7), string, repeatable. */
    public static final int LOCATION_PATH = 8;
    /** Uri-Path (§5.10.1), string, repeatable, critical. */
    public static final int URI_PATH = 11;
    /** Content-Format (§5.10.3), uint. */
    public static final int CONTENT_FORMAT = 12;
    /** Max-Age (§5.10.5), uint, default 60 s. */
    public static final int MAX_AGE = 14;
    /** Uri-Query (§5.10.1), string, repeatable, critical. */
    public static final int URI_QUERY = 15;
    /** Accept (§5.10.4), uint, critical. */
    public static final int ACCEPT = 17;
    /** Location-Query (§5.10.7), string, repeatable. */
    public static final int LOCATION_QUERY = 20;
    /** Block2 (RFC 7959), uint, critical. */
    public static final int BLOCK2 = 23;
    /** Block1 (RFC 7959), uint, critical. */
    public static final int BLOCK1 = 27;
    /** Size2 (RFC 7959), uint. */
    public static final int SIZE2 = 28;
    /** Proxy-Uri (§5.10.2), string, critical. */
    public static final int PROXY_URI = 35;
    /** Proxy-Scheme (§5.10.2), string, critical. */
    public static final int PROXY_SCHEME = 39;
    /** Size1 (§5.10.9), uint. */
    public static final int SIZE1 = 60;
    /** Echo (RFC 9175), opaque, elective. */
    public static final int ECHO = 252;
    /** No-Response (RFC 7967), uint, elective. */
    public static final int NO_RESPONSE = 258;
    /** Request-Tag (RFC 9175), opaque, elective. */
    public static final int REQUEST_TAG = 292;

    /** Largest option number the 16-bit delta encoding can reach (§3.1). */
    public static final int MAX_NUMBER = 65535;

    private CoapOption() {
    }

    /**
     * @param number an option number
     * @return whether it is critical: odd numbers must be understood or the message rejected (§5.4.1)
     */
    public static boolean isCritical(int number) {
        return (number & 1) != 0;
    }

    /**
     * @param number an option number
     * @return whether the option is repeatable (§5.10, Table 4)
     */
    public static boolean isRepeatable(int number) {
        return number == IF_MATCH || number == ETAG || number == LOCATION_PATH || number == URI_PATH
                || number == URI_QUERY || number == LOCATION_QUERY;
    }

    /**
     * @param number an option number
     * @return a readable name, e.g. {@code Uri-Path}, or {@code Option-<n>}
     */
    public static String name(int number) {
        switch (number) {
            case IF_MATCH: return "If-Match";
            case URI_HOST: return "Uri-Host";
            case ETAG: return "ETag";
            case IF_NONE_MATCH: return "If-None-Match";
            case OBSERVE: return "Observe";
            case URI_PORT: return "Uri-Port";
            case LOCATION_PATH: return "Location-Path";
            case URI_PATH: return "Uri-Path";
            case CONTENT_FORMAT: return "Content-Format";
            case MAX_AGE: return "Max-Age";
            case URI_QUERY: return "Uri-Query";
            case ACCEPT: return "Accept";
            case LOCATION_QUERY: return "Location-Query";
            case BLOCK2: return "Block2";
            case BLOCK1: return "Block1";
            case SIZE2: return "Size2";
            case PROXY_URI: return "Proxy-Uri";
            case PROXY_SCHEME: return "Proxy-Scheme";
            case SIZE1: return "Size1";
            case ECHO: return "Echo";
            case NO_RESPONSE: return "No-Response";
            case REQUEST_TAG: return "Request-Tag";
            default: return "Option-" + number;
        }
    }

    /**
     * @param number an option number
     * @return whether its value is a UTF-8 string (§3.2)
     */
    public static boolean isString(int number) {
        return number == URI_HOST || number == LOCATION_PATH || number == URI_PATH || number == URI_QUERY
                || number == LOCATION_QUERY || number == PROXY_URI || number == PROXY_SCHEME;
    }

    /**
     * @param number an option number
     * @return whether its value is an unsigned integer (§3.2)
     */
    public static boolean isUint(int number) {
        return number == OBSERVE || number == URI_PORT || number == CONTENT_FORMAT || number == MAX_AGE
                || number == ACCEPT || number == BLOCK2 || number == BLOCK1 || number == SIZE2 || number == SIZE1
                || number == NO_RESPONSE;
    }
}
