package io.tributary.coap;

import java.util.Locale;

/**
 * A CoAP Content-Format (RFC 7252 §5.10.3, §12.3): a number from the IANA registry naming a media type and
 * content coding. The registered formats used here are constants; {@link #of(int)} also takes unregistered
 * numbers, as the registry may grow. Prints as {@code text/plain;charset=utf-8 (0)}; equal when the numbers are.
 */
public final class ContentFormat {

    /** {@code text/plain;charset=utf-8}, 0. */
    public static final ContentFormat TEXT_PLAIN = new ContentFormat(0, "text/plain;charset=utf-8");
    /** {@code application/link-format} (RFC 6690), 40. */
    public static final ContentFormat LINK_FORMAT = new ContentFormat(40, "application/link-format");
    /** {@code application/xml}, 41. */
    public static final ContentFormat XML = new ContentFormat(41, "application/xml");
    /** {@code application/octet-stream}, 42. */
    public static final ContentFormat OCTET_STREAM = new ContentFormat(42, "application/octet-stream");
    /** {@code application/exi}, 47. */
    public static final ContentFormat EXI = new ContentFormat(47, "application/exi");
    /** {@code application/json}, 50. */
    public static final ContentFormat JSON = new ContentFormat(50, "application/json");
    /** {@code application/cbor} (RFC 8949), 60. */
    public static final ContentFormat CBOR = new ContentFormat(60, "application/cbor");
    /** {@code application/senml+json} (RFC 8428), 110. */
    public static final ContentFormat SENML_JSON = new ContentFormat(110, "application/senml+json");
    /** {@code application/senml+cbor} (RFC 8428), 112. */
    public static final ContentFormat SENML_CBOR = new ContentFormat(112, "application/senml+cbor");

    private static final ContentFormat[] REGISTERED = {TEXT_PLAIN, LINK_FORMAT, XML, OCTET_STREAM, EXI, JSON, CBOR,
            SENML_JSON, SENML_CBOR};
    private static final String UNREGISTERED = "application/coap-content-format;n=";

    private final int number;
    private final String mediaType;

    private ContentFormat(int number, String mediaType) {
        this.number = number;
        this.mediaType = mediaType;
    }

    /**
     * @param number a Content-Format number, 0 to 65535
     * @return the registered format, or an unregistered one with that number
     */
    public static ContentFormat of(int number) {
        for (ContentFormat format : REGISTERED) {
            if (format.number == number) {
                return format;
            }
        }
        if (number < 0 || number > 0xffff) {
            throw new IllegalArgumentException("a Content-Format is 0 to 65535, not " + number);
        }
        return new ContentFormat(number, null);
    }

    /**
     * @param number a Content-Format number as an option carries it, or -1 when the option is absent
     * @return the format, or {@code null} for -1
     */
    static ContentFormat orNull(int number) {
        return number < 0 ? null : of(number);
    }

    /**
     * @param mediaType a media type as {@link #mediaType()} gives it, or a common alias such as {@code text/plain};
     *                  {@code null} allowed
     * @return the format, or {@code null} when the media type has none
     */
    public static ContentFormat ofMediaType(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        String type = mediaType.toLowerCase(Locale.ROOT).replace(" ", "");
        if (type.startsWith(UNREGISTERED)) {
            try {
                return of(Integer.parseInt(type.substring(UNREGISTERED.length())));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (type.equals("text/plain") || type.startsWith("text/plain;")) {
            return TEXT_PLAIN;
        }
        if (type.startsWith("text/xml")) {
            return XML;
        }
        for (ContentFormat format : REGISTERED) {
            if (type.equals(format.mediaType) || type.startsWith(format.mediaType + ";")) {
                return format;
            }
        }
        return null;
    }

    /** @return the number, as the Content-Format and Accept options carry it */
    public int number() {
        return number;
    }

    /** @return whether the number is one of the registered formats above */
    public boolean isRegistered() {
        return mediaType != null;
    }

    /**
     * @return the media type, e.g. {@code application/json}; {@code application/coap-content-format;n=<number>}
     *         when unregistered
     */
    public String mediaType() {
        return mediaType != null ? mediaType : UNREGISTERED + number;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentFormat && ((ContentFormat) other).number == number;
    }

    @Override
    public int hashCode() {
        return number;
    }

    /** @return e.g. {@code application/json (50)}, or {@code unregistered (65000)} */
    @Override
    public String toString() {
        return (mediaType != null ? mediaType : "unregistered") + " (" + number + ")";
    }
}
