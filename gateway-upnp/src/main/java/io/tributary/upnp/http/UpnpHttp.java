package io.tributary.upnp.http;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Header values every UPnP message of the gateway carries: {@code SERVER} and {@code DATE} (UDA 2.0 §1.1.3,
 * §4.1.2), and the {@code text/xml} content type of descriptions and SOAP bodies.
 */
public final class UpnpHttp {

    /** The SERVER (and USER-AGENT) value: {@code OS/version UPnP/1.1 product/version}. */
    public static final String SERVER = System.getProperty("os.name", "Java").replace(' ', '_') + "/"
            + System.getProperty("os.version", "0").replace(' ', '_') + " UPnP/1.1 Tributary/0.1";
    /** The content type of description, SCPD and SOAP documents, {@code text/xml; charset="utf-8"}. */
    public static final String TEXT_XML = "text/xml; charset=\"utf-8\"";

    private UpnpHttp() {
    }

    /** @return the current time as an RFC 1123 HTTP date, e.g. {@code Sun, 29 Nov 2026 12:00:00 GMT} */
    public static String date() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).format(ZonedDateTime.now(ZoneOffset.UTC));
    }
}
