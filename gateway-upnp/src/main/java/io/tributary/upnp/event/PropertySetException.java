package io.tributary.upnp.event;

/** A GENA event body that cannot be read at all: not well-formed, not a property set, or using refused XML features. */
public final class PropertySetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean refused;

    /**
     * @param message what is wrong, naming the place when known
     * @param cause the parser's error, or {@code null}
     * @param refused whether the document used a feature refused for safety (DTD, entities)
     */
    public PropertySetException(String message, Throwable cause, boolean refused) {
        super(message, cause);
        this.refused = refused;
    }

    /** @return whether the document was refused for a safety reason (a DTD or entity declaration) */
    public boolean refused() {
        return refused;
    }
}
