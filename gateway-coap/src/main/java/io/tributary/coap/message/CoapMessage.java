package io.tributary.coap.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable CoAP message (RFC 7252 §3): type, code, message ID, token of 0 to 8 bytes, options sorted by
 * number, and payload. Byte arrays are owned by the message and must not be modified.
 */
public final class CoapMessage {

    /** Largest token length (§3). */
    public static final int MAX_TOKEN_LENGTH = 8;

    static final byte[] NO_BYTES = new byte[0];

    private final CoapType type;
    private final CoapCode code;
    private final int messageId;
    private final byte[] token;
    private final CoapOptions options;
    private final byte[] payload;

    CoapMessage(CoapType type, CoapCode code, int messageId, byte[] token, CoapOptions options, byte[] payload) {
        this.type = type;
        this.code = code;
        this.messageId = messageId;
        this.token = token;
        this.options = options;
        this.payload = payload;
    }

    /**
     * @param type message type
     * @param code the code, e.g. {@link CoapCode#GET}
     * @return a builder with message ID 0, no token, no options, no payload
     */
    public static Builder builder(CoapType type, CoapCode code) {
        return new Builder(type, code);
    }

    /**
     * Creates a message in one step, without a builder.
     *
     * @param type message type
     * @param code the code; not 0.00 (use {@link #empty})
     * @param messageId 0 to 65535
     * @param token 0 to 8 bytes, not copied
     * @param options the options
     * @param payload the payload, not copied
     * @return the message
     */
    public static CoapMessage of(CoapType type, CoapCode code, int messageId, byte[] token, CoapOptions options,
                                 byte[] payload) {
        if (code == CoapCode.EMPTY || messageId < 0 || messageId > 0xffff || token.length > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("invalid message: code " + code + ", message ID " + messageId
                    + ", token of " + token.length + " bytes");
        }
        return new CoapMessage(type, code, messageId, token, options, payload.length == 0 ? NO_BYTES : payload);
    }

    /**
     * @param type CON (a ping), ACK or RST
     * @param messageId the message ID, 0 to 65535
     * @return an empty message (code 0.00, no token, nothing after the header)
     */
    public static CoapMessage empty(CoapType type, int messageId) {
        return new CoapMessage(type, CoapCode.EMPTY, messageId & 0xffff, NO_BYTES, CoapOptions.EMPTY, NO_BYTES);
    }

    /** @return the type */
    public CoapType type() {
        return type;
    }

    /** @return the code */
    public CoapCode code() {
        return code;
    }

    /** @return the message ID, 0 to 65535 */
    public int messageId() {
        return messageId;
    }

    /** @return the token, 0 to 8 bytes; do not modify */
    public byte[] token() {
        return token;
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

    /** @return whether this is an empty message (code 0.00) */
    public boolean isEmpty() {
        return code == CoapCode.EMPTY;
    }

    /** @return whether this carries a request */
    public boolean isRequest() {
        return code.isRequest();
    }

    /** @return whether this carries a response */
    public boolean isResponse() {
        return code.isResponse();
    }

    /** @return a builder with this message's fields */
    public Builder toBuilder() {
        return new Builder(type, code).messageId(messageId).token(token).options(options).payload(payload);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CoapMessage)) {
            return false;
        }
        CoapMessage that = (CoapMessage) other;
        return type == that.type && code == that.code && messageId == that.messageId
                && Arrays.equals(token, that.token) && options.equals(that.options)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, code.value(), messageId, Arrays.hashCode(token), options, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(type).append(' ')
                .append(isRequest() && code.name() != null ? code.name() : code.dotted())
                .append(" mid=").append(messageId);
        if (token.length > 0) {
            text.append(" token=");
            for (byte b : token) {
                text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
        }
        if (options.size() > 0) {
            text.append(' ').append(options);
        }
        if (payload.length > 0) {
            text.append(" payload=").append(payload.length).append('B');
        }
        return text.toString();
    }

    /** Collects the fields of a {@link CoapMessage}. */
    public static final class Builder {
        private final CoapType type;
        private final CoapCode code;
        private int messageId;
        private byte[] token = NO_BYTES;
        private CoapOptions options = CoapOptions.EMPTY;
        private byte[] payload = NO_BYTES;

        private Builder(CoapType type, CoapCode code) {
            this.type = Objects.requireNonNull(type, "type");
            this.code = Objects.requireNonNull(code, "code");
        }

        /**
         * @param id message ID, 0 to 65535; default 0
         * @return this builder
         */
        public Builder messageId(int id) {
            if (id < 0 || id > 0xffff) {
                throw new IllegalArgumentException("message ID out of range: " + id);
            }
            this.messageId = id;
            return this;
        }

        /**
         * @param bytes token of 0 to 8 bytes, not copied; default empty
         * @return this builder
         */
        public Builder token(byte[] bytes) {
            if (bytes.length > MAX_TOKEN_LENGTH) {
                throw new IllegalArgumentException("token longer than 8 bytes: " + bytes.length);
            }
            this.token = bytes;
            return this;
        }

        /**
         * @param all the options; default none
         * @return this builder
         */
        public Builder options(CoapOptions all) {
            this.options = Objects.requireNonNull(all, "options");
            return this;
        }

        /**
         * @param bytes payload, not copied; default empty
         * @return this builder
         */
        public Builder payload(byte[] bytes) {
            this.payload = bytes.length == 0 ? NO_BYTES : bytes;
            return this;
        }

        /** @return the message */
        public CoapMessage build() {
            if (code == CoapCode.EMPTY && (token.length > 0 || options.size() > 0 || payload.length > 0)) {
                throw new IllegalArgumentException("an empty message (0.00) carries nothing after the header");
            }
            return new CoapMessage(type, code, messageId, token, options, payload);
        }
    }
}
