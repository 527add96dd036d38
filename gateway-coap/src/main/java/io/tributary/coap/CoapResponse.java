package io.tributary.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;

/**
 * An immutable CoAP response: a code, options and a payload; handlers build one, clients receive one (then with
 * the responding peer's address). Every method that changes something returns a new response.
 */
public final class CoapResponse {

    private static final byte[] NONE = new byte[0];

    private final int code;
    private final CoapOptions options;
    private final byte[] payload;
    private final InetSocketAddress peer;

    private CoapResponse(int code, CoapOptions options, byte[] payload, InetSocketAddress peer) {
        if (!CoapCode.isResponse(code)) {
            throw new IllegalArgumentException(CoapCode.text(code) + " is not a response code");
        }
        this.code = code;
        this.options = options;
        this.payload = payload;
        this.peer = peer;
    }

    /**
     * @param code a response code, e.g. {@link CoapCode#CHANGED}
     * @return a response with that code, no options and no payload
     */
    public static CoapResponse of(int code) {
        return new CoapResponse(code, CoapOptions.EMPTY, NONE, null);
    }

    /**
     * @param payload the content, not copied
     * @param contentFormat its Content-Format, or -1 for none
     * @return a 2.05 Content response
     */
    public static CoapResponse content(byte[] payload, int contentFormat) {
        return of(CoapCode.CONTENT).payload(payload).contentFormat(contentFormat);
    }

    /**
     * @param text the content, sent as UTF-8 with Content-Format 0
     * @return a 2.05 Content response
     */
    public static CoapResponse content(String text) {
        return content(text.getBytes(StandardCharsets.UTF_8), ContentFormat.TEXT_PLAIN);
    }

    /**
     * @param code an error code, e.g. {@link CoapCode#BAD_REQUEST}
     * @param diagnostic a short human-readable reason sent as the payload (RFC 7252 §5.5.2)
     * @return the error response
     */
    public static CoapResponse error(int code, String diagnostic) {
        return of(code).payload(diagnostic.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param message a received response message
     * @param peer who sent it
     * @return the response as a client sees it
     */
    public static CoapResponse of(CoapMessage message, InetSocketAddress peer) {
        return new CoapResponse(message.code(), message.options(), message.payload(), peer);
    }

    /** @return the response code byte */
    public int code() {
        return code;
    }

    /** @return whether the code is of class 2 */
    public boolean isSuccess() {
        return CoapCode.codeClass(code) == 2;
    }

    /** @return the options */
    public CoapOptions options() {
        return options;
    }

    /** @return the payload; do not modify */
    public byte[] payload() {
        return payload;
    }

    /** @return the payload decoded as UTF-8 */
    public String payloadUtf8() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** @return the Content-Format, or -1 when absent */
    public int contentFormat() {
        return options.contentFormat();
    }

    /** @return the responding peer on the client side, {@code null} on the server side */
    public InetSocketAddress peer() {
        return peer;
    }

    /**
     * @param bytes the payload, not copied
     * @return a new response
     */
    public CoapResponse payload(byte[] bytes) {
        return new CoapResponse(code, options, bytes.length == 0 ? NONE : bytes, peer);
    }

    /**
     * @param format the Content-Format, or -1 to remove it
     * @return a new response
     */
    public CoapResponse contentFormat(int format) {
        CoapOptions.Builder builder = options.toBuilder().remove(CoapOption.CONTENT_FORMAT);
        if (format >= 0) {
            builder.addUint(CoapOption.CONTENT_FORMAT, format);
        }
        return new CoapResponse(code, builder.build(), payload, peer);
    }

    /**
     * @param segments Location-Path segments (RFC 7252 §5.10.7), e.g. of a created resource
     * @return a new response
     */
    public CoapResponse locationPath(String... segments) {
        CoapOptions.Builder builder = options.toBuilder().remove(CoapOption.LOCATION_PATH);
        for (String segment : segments) {
            builder.add(CoapOption.LOCATION_PATH, segment);
        }
        return new CoapResponse(code, builder.build(), payload, peer);
    }

    /**
     * @param seconds Max-Age (RFC 7252 §5.10.5); the default without the option is 60 s
     * @return a new response
     */
    public CoapResponse maxAge(long seconds) {
        return option(CoapOption.MAX_AGE, CoapOptions.encodeUint(seconds));
    }

    /**
     * Adds an option; for non-repeatable options any previous value is replaced.
     *
     * @param number option number
     * @param value raw value
     * @return a new response
     */
    public CoapResponse option(int number, byte[] value) {
        CoapOptions.Builder builder = options.toBuilder();
        if (!CoapOption.isRepeatable(number)) {
            builder.remove(number);
        }
        return new CoapResponse(code, builder.add(number, value).build(), payload, peer);
    }

    @Override
    public String toString() {
        return CoapCode.text(code) + " " + options + (payload.length > 0 ? " payload=" + payload.length + "B" : "");
    }
}
