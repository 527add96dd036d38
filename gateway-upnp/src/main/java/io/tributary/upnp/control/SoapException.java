package io.tributary.upnp.control;

/** A request body that is not a readable SOAP envelope with one action: answered 400 with a fault. */
public final class SoapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong
     * @param cause the parser's exception, or {@code null}
     */
    public SoapException(String message, Throwable cause) {
        super(message, cause);
    }
}
