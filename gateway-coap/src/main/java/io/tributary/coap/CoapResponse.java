package io.tributary.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.stack.Response;

/**
 * An immutable CoAP response: a code, options and a payload. Handlers build one; clients receive one, then with
 * the responding peer and the message type it came in. Every method that changes something returns a new response.
 * <pre>{@code
 * CoapResponse.content("21.5")                                    // 2.05 Content, text/plain
 * CoapResponse.of(CoapCode.CREATED).locationPath("items", "42")   // 2.01 Created
 * CoapResponse.error(CoapCode.BAD_REQUEST, "no topic")            // 4.00 with a diagnostic payload
 * }</pre>
 */
public final class CoapResponse implements Response {

    private static final byte[] NONE = new byte[0];

    private final CoapCode code;
    private final CoapOptions options;
    private final byte[] payload;
    private final InetSocketAddress peer;
    private final CoapType type;

    private CoapResponse(CoapCode code, CoapOptions options, byte[] payload, InetSocketAddress peer, CoapType type) {
        if (!code.isResponse()) {
            throw new IllegalArgumentException(code + " is not a response code");
        }
        this.code = code;
        this.options = options;
        this.payload = payload;
        this.peer = peer;
        this.type = type;
    }

    /**
     * @param code a response code, e.g. {@link CoapCode#CHANGED}
     * @return a response with that code, no options and no payload
     */
    public static CoapResponse of(CoapCode code) {
        return new CoapResponse(Objects.requireNonNull(code, "code"), CoapOptions.EMPTY, NONE, null, null);
    }

    /**
     * @param payload the content, not copied
     * @param format its Content-Format, or {@code null} for none
     * @return a 2.05 Content response
     */
    public static CoapResponse content(byte[] payload, ContentFormat format) {
        return of(CoapCode.CONTENT).payload(payload).contentFormat(format);
    }

    /**
     * @param text the content, sent as UTF-8 with Content-Format {@link ContentFormat#TEXT_PLAIN}
     * @return a 2.05 Content response
     */
    public static CoapResponse content(CharSequence text) {
        return content(utf8(text), ContentFormat.TEXT_PLAIN);
    }

    /**
     * @param code an error code, e.g. {@link CoapCode#BAD_REQUEST}
     * @param diagnostic a short human-readable reason sent as the payload (RFC 7252 §5.5.2)
     * @return the error response
     */
    public static CoapResponse error(CoapCode code, String diagnostic) {
        return of(code).payload(utf8(diagnostic));
    }

    /** A response as a client receives it. */
    static CoapResponse received(CoapMessage message, InetSocketAddress peer) {
        return new CoapResponse(message.code(), message.options(), message.payload(), peer, message.type());
    }

    static byte[] utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return the response code, e.g. {@code 2.05 Content} */
    @Override
    public CoapCode code() {
        return code;
    }

    /** @return whether the code is of class 2 */
    public boolean isSuccess() {
        return code.isSuccess();
    }

    /**
     * @return on the client side the type of the message it came in: ACK when piggybacked, CON or NON when sent
     *         separately (RFC 7252 §5.2); {@code null} on the server side, where the stack chooses it
     */
    public CoapType type() {
        return type;
    }

    /** @return the options */
    @Override
    public CoapOptions options() {
        return options;
    }

    /** @return the payload; do not modify */
    @Override
    public byte[] payload() {
        return payload;
    }

    /** @return the payload decoded as UTF-8 */
    public String payloadUtf8() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** @return the Content-Format, or {@code null} when absent */
    public ContentFormat contentFormat() {
        return ContentFormat.orNull(options.contentFormat());
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
        return new CoapResponse(code, options, bytes.length == 0 ? NONE : bytes, peer, type);
    }

    /**
     * @param format the Content-Format, or {@code null} to remove it
     * @return a new response
     */
    public CoapResponse contentFormat(ContentFormat format) {
        CoapOptions.Builder builder = options.toBuilder().remove(CoapOption.CONTENT_FORMAT);
        if (format != null) {
            builder.addUint(CoapOption.CONTENT_FORMAT, format.number());
        }
        return new CoapResponse(code, builder.build(), payload, peer, type);
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
        return new CoapResponse(code, builder.build(), payload, peer, type);
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
        return new CoapResponse(code, builder.add(number, value).build(), payload, peer, type);
    }

    @Override
    public String toString() {
        return code + " " + options + (payload.length > 0 ? " payload=" + payload.length + "B" : "");
    }
}
