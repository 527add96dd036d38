package io.tributary.coap.message;

/** The ways a datagram can violate the message format of RFC 7252 §3; each is a message format error. */
public enum FormatError {
    /** Fewer than the 4 header bytes. */
    TRUNCATED_HEADER("shorter than the 4-byte header"),
    /** Version field not 1. */
    BAD_VERSION("version is not 1"),
    /** Token length 9 to 15 (reserved). */
    BAD_TOKEN_LENGTH("token length 9-15 is reserved"),
    /** Fewer bytes than the token length announces. */
    TRUNCATED_TOKEN("token runs past the end"),
    /** Code 0.00 with anything after the header. */
    NON_EMPTY_EMPTY_MESSAGE("code 0.00 with token, options or payload"),
    /** Class 1, 6 or 7 (reserved). */
    RESERVED_CODE_CLASS("code class 1, 6 or 7 is reserved"),
    /** An ACK carrying a request, or a RST that is not empty. */
    TYPE_CODE_MISMATCH("ACK carrying a request, or RST that is not empty"),
    /** Nibble 15 in option delta or length outside the payload marker. */
    RESERVED_OPTION_NIBBLE("option nibble 15 outside the payload marker"),
    /** Nibble 13 or 14 without its 1 or 2 extension bytes. */
    TRUNCATED_OPTION_EXTENSION("option extension bytes missing"),
    /** Option value longer than what remains. */
    OPTION_PAST_END("option value runs past the end"),
    /** Option number above 65535. */
    OPTION_NUMBER_OVERFLOW("option number above 65535"),
    /** Payload marker followed by nothing. */
    EMPTY_PAYLOAD_AFTER_MARKER("payload marker with empty payload"),
    /** A datagram longer than the endpoint accepts; its tail was cut by the socket, so it is not decoded. */
    TOO_LARGE("datagram larger than the configured maximum");

    private final String description;

    FormatError(String description) {
        this.description = description;
    }

    /** @return a short description for logs */
    public String description() {
        return description;
    }
}
