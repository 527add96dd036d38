package io.tributary.coap;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.stack.ObservableResource;
import io.tributary.coap.stack.Response;

/**
 * An immutable CoAP response: a code, options and a payload. Handlers build one; clients receive one, then with
 * the responding peer and the message type it came in. Every method that changes something returns a new response.
 * A payload larger than the block size goes out block by block (RFC 7959), cut from the response's payload; one
 * given as a {@link ByteBuffer} is never copied whole for that.
 * <pre>{@code
 * CoapResponse.content("21.5")                                    // 2.05 Content, text/plain
 * CoapResponse.of(CoapCode.CREATED).locationPath("items", "42")   // 2.01 Created
 * CoapResponse.error(CoapCode.BAD_REQUEST, "no topic")            // 4.00 with a diagnostic payload
 * CoapResponse.content("21.5").etag(tag).maxAge(30)                // validators and freshness (RFC 7252 §5.10)
 * }</pre>
 */
public final class CoapResponse implements Response {

    private static final byte[] NONE = new byte[0];

    private final CoapCode code;
    private final CoapOptions options;
    /** The payload as an array, or {@code null} while it is only {@link #view}. */
    private final byte[] payload;
    /** The payload as a read-only buffer from 0 to its limit, or {@code null}. */
    private final ByteBuffer view;
    private final InetSocketAddress peer;
    private final CoapType type;
    private final ObservableResource observable;

    private CoapResponse(CoapCode code, CoapOptions options, byte[] payload, ByteBuffer view, InetSocketAddress peer,
                         CoapType type, ObservableResource observable) {
        if (!code.isResponse()) {
            throw new IllegalArgumentException(code + " is not a response code");
        }
        this.code = code;
        this.options = options;
        this.payload = payload;
        this.view = view;
        this.peer = peer;
        this.type = type;
        this.observable = observable;
    }

    /**
     * @param code a response code, e.g. {@link CoapCode#CHANGED}
     * @return a response with that code, no options and no payload
     */
    public static CoapResponse of(CoapCode code) {
        return new CoapResponse(Objects.requireNonNull(code, "code"), CoapOptions.EMPTY, NONE, null, null, null,
                null);
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
     * @param payload the content from position to limit, not copied (a large one is read block by block); the
     *                buffer must not change afterwards
     * @param format its Content-Format, or {@code null} for none
     * @return a 2.05 Content response
     */
    public static CoapResponse content(ByteBuffer payload, ContentFormat format) {
        ByteBuffer view = payload.slice().asReadOnlyBuffer();
        return new CoapResponse(CoapCode.CONTENT, CoapOptions.EMPTY, view.limit() == 0 ? NONE : null,
                view.limit() == 0 ? null : view, null, null, null).contentFormat(format);
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
        return new CoapResponse(message.code(), message.options(), message.payload(), null, peer, message.type(),
                null);
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

    /** @return the payload; do not modify (one given as a buffer is copied once here) */
    @Override
    public byte[] payload() {
        if (payload != null) {
            return payload;
        }
        byte[] copy = new byte[view.limit()];
        view.get(0, copy);
        return copy;
    }

    @Override
    public int payloadLength() {
        return payload != null ? payload.length : view.limit();
    }

    @Override
    public byte[] payloadRange(int from, int to) {
        if (payload != null) {
            return Response.super.payloadRange(from, to);
        }
        byte[] range = new byte[to - from];
        view.get(from, range);
        return range;
    }

    /** @return the payload decoded as UTF-8 */
    public String payloadUtf8() {
        return new String(payload(), StandardCharsets.UTF_8);
    }

    /** @return the Content-Format, or {@code null} when absent */
    public ContentFormat contentFormat() {
        return ContentFormat.orNull(options.contentFormat());
    }

    /** @return the ETag (RFC 7252 §5.10.6), or {@code null} when absent */
    public byte[] etag() {
        byte[] tag = options.first(CoapOption.ETAG);
        return tag == null ? null : tag.clone();
    }

    /**
     * @return the Observe value of a notification or registration response (RFC 7641 §4.2), or -1 when the
     *         response carries none
     */
    public long observe() {
        return options.uint(CoapOption.OBSERVE, -1);
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
        return new CoapResponse(code, options, bytes.length == 0 ? NONE : bytes, null, peer, type, observable);
    }

    /**
     * @param format the Content-Format, or {@code null} to remove it
     * @return a new response
     */
    public CoapResponse contentFormat(ContentFormat format) {
        return withOptions(format == null ? options.without(CoapOption.CONTENT_FORMAT)
                : options.withUint(CoapOption.CONTENT_FORMAT, format.number()));
    }

    /**
     * @param tag the ETag of this representation, 1 to 8 bytes (RFC 7252 §5.10.6), not copied
     * @return a new response
     */
    public CoapResponse etag(byte[] tag) {
        if (tag.length < 1 || tag.length > 8) {
            throw new IllegalArgumentException("an ETag has 1 to 8 bytes, not " + tag.length);
        }
        return withOptions(options.with(CoapOption.ETAG, tag));
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
        return withOptions(builder.build());
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
        if (!CoapOption.isRepeatable(number)) {
            return withOptions(options.with(number, value));
        }
        return withOptions(options.toBuilder().add(number, value).build());
    }

    @Override
    public ObservableResource observable() {
        return observable;
    }

    /** The same response as a state of an observable resource. */
    CoapResponse stateOf(ObservableResource resource) {
        return new CoapResponse(code, options, payload, view, peer, type, resource);
    }

    /** The same response with another code and no payload (2.03 Valid, RFC 7252 §5.10.6.1), still a state. */
    CoapResponse withCode(CoapCode newCode, CoapOptions newOptions) {
        return new CoapResponse(newCode, newOptions, NONE, null, peer, type, observable);
    }

    private CoapResponse withOptions(CoapOptions newOptions) {
        return new CoapResponse(code, newOptions, payload, view, peer, type, observable);
    }

    @Override
    public String toString() {
        int length = payloadLength();
        return code + " " + options + (length > 0 ? " payload=" + length + "B" : "");
    }
}
