package io.tributary.app.config;

/** A configuration that cannot be used; the message names the key, and the file and line where known. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause the underlying parse or binding error
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
