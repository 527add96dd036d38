package io.tributary.upnp.description;

/** A device description that cannot be used: not well-formed, refused (DTD, limits), or not a UPnP description. */
public final class DescriptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong
     * @param cause the parser's exception, or {@code null}
     */
    public DescriptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
