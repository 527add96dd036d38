package io.tributary.coap;

import java.util.Locale;
import java.util.Map;

/** CoAP Content-Format numbers (RFC 7252 §12.3 and the IANA registry) and their media types. */
public final class ContentFormat {

    /** {@code text/plain;charset=utf-8}. */
    public static final int TEXT_PLAIN = 0;
    /** {@code application/link-format} (RFC 6690). */
    public static final int LINK_FORMAT = 40;
    /** {@code application/xml}. */
    public static final int XML = 41;
    /** {@code application/octet-stream}. */
    public static final int OCTET_STREAM = 42;
    /** {@code application/exi}. */
    public static final int EXI = 47;
    /** {@code application/json}. */
    public static final int JSON = 50;
    /** {@code application/cbor}. */
    public static final int CBOR = 60;
    /** {@code application/senml+json}. */
    public static final int SENML_JSON = 110;
    /** {@code application/senml+cbor}. */
    public static final int SENML_CBOR = 112;

    private static final Map<Integer, String> TYPES = Map.of(
            TEXT_PLAIN, "text/plain;charset=utf-8",
            LINK_FORMAT, "application/link-format",
            XML, "application/xml",
            OCTET_STREAM, "application/octet-stream",
            EXI, "application/exi",
            JSON, "application/json",
            CBOR, "application/cbor",
            SENML_JSON, "application/senml+json",
            SENML_CBOR, "application/senml+cbor");

    private ContentFormat() {
    }

    /**
     * @param format a Content-Format number
     * @return its media type, or {@code application/coap-content-format;n=<number>} when not registered here
     */
    public static String mediaType(int format) {
        String type = TYPES.get(format);
        return type != null ? type : "application/coap-content-format;n=" + format;
    }

    /**
     * @param mediaType a media type as produced by {@link #mediaType(int)}, or a common alias such as
     *                  {@code text/plain}; {@code null} allowed
     * @return the Content-Format number, or -1 when unknown
     */
    public static int of(String mediaType) {
        if (mediaType == null) {
            return -1;
        }
        String type = mediaType.toLowerCase(Locale.ROOT).replace(" ", "");
        if (type.startsWith("application/coap-content-format;n=")) {
            try {
                return Integer.parseInt(type.substring(type.indexOf('=') + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        if (type.equals("text/plain") || type.startsWith("text/plain;")) {
            return TEXT_PLAIN;
        }
        if (type.startsWith("text/xml")) {
            return XML;
        }
        for (Map.Entry<Integer, String> entry : TYPES.entrySet()) {
            if (type.equals(entry.getValue()) || type.startsWith(entry.getValue() + ";")) {
                return entry.getKey();
            }
        }
        return -1;
    }
}
