package io.tributary.upnp.ssdp;

/**
 * SSDP header names, values and their small grammars (UDA 2.0 §1.1–§1.3): {@code CACHE-CONTROL: max-age=N},
 * the 31-bit BOOTID/CONFIGID numbers, the {@code MX} of searches and the UDN part of a USN.
 */
public final class SsdpHeaders {

    /** Host: the multicast group and port, or the unicast target. */
    public static final String HOST = "HOST";
    /** CACHE-CONTROL: max-age=seconds. */
    public static final String CACHE_CONTROL = "CACHE-CONTROL";
    /** LOCATION: the description URL. */
    public static final String LOCATION = "LOCATION";
    /** NT: notification type. */
    public static final String NT = "NT";
    /** NTS: notification sub type. */
    public static final String NTS = "NTS";
    /** SERVER: OS/version UPnP/1.1 product/version. */
    public static final String SERVER = "SERVER";
    /** USN: unique service name. */
    public static final String USN = "USN";
    /** ST: search target. */
    public static final String ST = "ST";
    /** MAN: "ssdp:discover" on searches. */
    public static final String MAN = "MAN";
    /** MX: the longest response delay a search asks for, in seconds. */
    public static final String MX = "MX";
    /** EXT: empty, confirms the MAN extension was understood. */
    public static final String EXT = "EXT";
    /** DATE of responses. */
    public static final String DATE = "DATE";
    /** BOOTID.UPNP.ORG. */
    public static final String BOOTID = "BOOTID.UPNP.ORG";
    /** NEXTBOOTID.UPNP.ORG, on ssdp:update. */
    public static final String NEXTBOOTID = "NEXTBOOTID.UPNP.ORG";
    /** CONFIGID.UPNP.ORG. */
    public static final String CONFIGID = "CONFIGID.UPNP.ORG";
    /** USER-AGENT of searches. */
    public static final String USER_AGENT = "USER-AGENT";

    /** NTS of advertisements. */
    public static final String ALIVE = "ssdp:alive";
    /** NTS of departures. */
    public static final String BYEBYE = "ssdp:byebye";
    /** NTS of boot ID changes. */
    public static final String UPDATE = "ssdp:update";
    /** MAN of searches, quoted. */
    public static final String DISCOVER = "\"ssdp:discover\"";
    /** ST of searches for everything. */
    public static final String ALL = "ssdp:all";
    /** NT/ST of root devices. */
    public static final String ROOT_DEVICE = "upnp:rootdevice";

    private SsdpHeaders() {
    }

    /**
     * @param cacheControl a CACHE-CONTROL value, e.g. {@code max-age=1800}
     * @return the max-age in seconds, or -1 when there is none
     */
    public static long maxAge(String cacheControl) {
        if (cacheControl == null) {
            return -1;
        }
        for (String directive : cacheControl.split(",")) {
            String text = directive.trim();
            int equals = text.indexOf('=');
            if (equals > 0 && text.substring(0, equals).trim().equalsIgnoreCase("max-age")) {
                return number(text.substring(equals + 1).trim(), Integer.MAX_VALUE);
            }
        }
        return -1;
    }

    /**
     * @param value a BOOTID, NEXTBOOTID or CONFIGID value
     * @return the non-negative 31-bit number, or -1 when it is missing or not one
     */
    public static long id(String value) {
        return value == null ? -1 : number(value.trim(), Integer.MAX_VALUE);
    }

    /**
     * @param value an MX value
     * @return the seconds, or -1 when missing or not a number
     */
    public static long mx(String value) {
        return value == null ? -1 : number(value.trim(), Integer.MAX_VALUE);
    }

    /**
     * @param usn a unique service name, e.g. {@code uuid:X::upnp:rootdevice}
     * @return its UDN part, {@code uuid:X}, or {@code null} when it does not start with {@code uuid:}
     */
    public static String udn(String usn) {
        if (usn == null || !usn.regionMatches(true, 0, "uuid:", 0, 5)) {
            return null;
        }
        int separator = usn.indexOf("::");
        String udn = separator < 0 ? usn.trim() : usn.substring(0, separator).trim();
        return udn.length() > 5 ? udn : null;
    }

    private static long number(String text, long max) {
        if (text.isEmpty() || text.length() > 10) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value > max ? -1 : value;
    }
}
