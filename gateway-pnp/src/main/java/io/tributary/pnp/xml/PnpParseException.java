package io.tributary.pnp.xml;

/**
 * A document that is not a usable PnP message; the only exception {@link PnpReader#read(byte[])} throws.
 * {@link #reason()} classifies it for metrics and the fault answer.
 */
public final class PnpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /**
     * @param reason the class of problem
     * @param message what was wrong, safe to log and to put in a fault (never document content beyond names)
     * @param cause the parser's exception, or {@code null}
     */
    public PnpParseException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return the class of problem */
    public Reason reason() {
        return reason;
    }

    /** Classes of unusable documents; {@link #tag()} is the metric tag. */
    public enum Reason {
        /** Not well-formed XML, or beyond the parser's limits. */
        MALFORMED("malformed"),
        /** Uses a refused feature: DTD, external or custom entities. */
        REFUSED("refused"),
        /** Well-formed XML, but not a PnP document the receiver can use. */
        INVALID("invalid");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        /** @return the metric tag value, e.g. {@code malformed} */
        public String tag() {
            return tag;
        }
    }
}
