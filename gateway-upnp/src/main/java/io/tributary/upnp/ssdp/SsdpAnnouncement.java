package io.tributary.upnp.ssdp;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What another device said over SSDP (UDA 2.0 §1.2, §1.3.3): an advertisement ({@code ssdp:alive},
 * {@code ssdp:byebye}, {@code ssdp:update}) or a search response, with the fields a control point keeps.
 *
 * @param kind what was said
 * @param type the NT of an advertisement or the ST of a response
 * @param usn the unique service name, e.g. {@code uuid:X::upnp:rootdevice}
 * @param location the description URL, or {@code null} (byebye)
 * @param maxAgeSeconds the CACHE-CONTROL max-age, or -1 (byebye)
 * @param bootId BOOTID.UPNP.ORG, or -1 when absent (UDA 1.0 devices)
 * @param nextBootId NEXTBOOTID.UPNP.ORG of an update, or -1
 * @param configId CONFIGID.UPNP.ORG, or -1 when absent
 * @param server the SERVER header, or {@code null}
 * @param sender who sent it
 */
public record SsdpAnnouncement(Kind kind, String type, String usn, String location, long maxAgeSeconds, long bootId,
                               long nextBootId, long configId, String server, InetSocketAddress sender) {

    /** What a device said. */
    public enum Kind {
        /** ssdp:alive: available for max-age seconds. */
        ALIVE,
        /** ssdp:byebye: leaving. */
        BYEBYE,
        /** ssdp:update: its BOOTID changes to NEXTBOOTID. */
        UPDATE,
        /** A response to a search. */
        RESPONSE
    }

    /**
     * Checks the parts.
     *
     * @param kind the kind
     * @param type the NT or ST
     * @param usn the USN
     * @param location the LOCATION
     * @param maxAgeSeconds the max-age
     * @param bootId the BOOTID
     * @param nextBootId the NEXTBOOTID
     * @param configId the CONFIGID
     * @param server the SERVER
     * @param sender the sender
     */
    public SsdpAnnouncement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(usn, "usn");
        Objects.requireNonNull(sender, "sender");
    }

    /**
     * Reads an advertisement or a search response; anything else, or one without NT/ST, USN or (but for byebye)
     * LOCATION and max-age, gives {@code null}.
     *
     * @param message the message
     * @param sender who sent it
     * @return the announcement, or {@code null}
     */
    public static SsdpAnnouncement of(SsdpMessage message, InetSocketAddress sender) {
        Kind kind;
        String type;
        if (message.isResponse()) {
            kind = Kind.RESPONSE;
            type = message.header(SsdpHeaders.ST);
        } else if (message.isNotify()) {
            String nts = message.header(SsdpHeaders.NTS);
            kind = SsdpHeaders.ALIVE.equals(nts) ? Kind.ALIVE : SsdpHeaders.BYEBYE.equals(nts) ? Kind.BYEBYE
                    : SsdpHeaders.UPDATE.equals(nts) ? Kind.UPDATE : null;
            type = message.header(SsdpHeaders.NT);
        } else {
            return null;
        }
        String usn = message.header(SsdpHeaders.USN);
        String location = message.header(SsdpHeaders.LOCATION);
        long maxAge = SsdpHeaders.maxAge(message.header(SsdpHeaders.CACHE_CONTROL));
        if (kind == null || type == null || usn == null || SsdpHeaders.udn(usn) == null) {
            return null;
        }
        if (kind != Kind.BYEBYE && (location == null || location.isEmpty() || kind != Kind.UPDATE && maxAge < 0)) {
            return null;
        }
        return new SsdpAnnouncement(kind, type, usn, location, maxAge,
                SsdpHeaders.id(message.header(SsdpHeaders.BOOTID)),
                SsdpHeaders.id(message.header(SsdpHeaders.NEXTBOOTID)),
                SsdpHeaders.id(message.header(SsdpHeaders.CONFIGID)), message.header(SsdpHeaders.SERVER), sender);
    }

    /** @return the UDN part of the USN, {@code uuid:…} */
    public String udn() {
        return SsdpHeaders.udn(usn);
    }
}
