package io.tributary.upnp.multicast;

/**
 * The header fields of multicast events (UDA 2.0 §4.3.3) beyond SSDP's: {@code SVCID}, {@code LVL} and {@code SEQ},
 * with the notification type and sub type they share with unicast events.
 */
public final class MulticastEvents {

    /** The start line of multicast events. */
    public static final String START_LINE = "NOTIFY * HTTP/1.0";
    /** SVCID: the serviceId of the evented service. */
    public static final String SVCID = "SVCID";
    /** LVL: the importance of the event. */
    public static final String LVL = "LVL";
    /** SEQ: the event key, per service. */
    public static final String SEQ = "SEQ";
    /** CONTENT-TYPE of the body. */
    public static final String CONTENT_TYPE = "CONTENT-TYPE";
    /** CONTENT-LENGTH of the body. */
    public static final String CONTENT_LENGTH = "CONTENT-LENGTH";

    private MulticastEvents() {
    }
}
