package io.tributary.upnp.control;

/**
 * A UPnP action error (UDA 2.0 §3.2.2), answered as a SOAP fault with {@code UPnPError}: an error code and its
 * description. The common codes have factories; 600–699 are common action errors, 700–799 standard action-specific
 * ones and 800–899 vendor-specific ones.
 */
public final class UpnpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;

    /**
     * @param code the error code, e.g. 402
     * @param description its description, e.g. {@code Invalid Args}
     */
    public UpnpError(int code, String description) {
        super(description, null, false, false);
        this.code = code;
    }

    /**
     * @param detail what was asked
     * @return 401 Invalid Action: no such action on this service
     */
    public static UpnpError invalidAction(String detail) {
        return new UpnpError(401, "Invalid Action: " + detail);
    }

    /**
     * @param detail which arguments are wrong
     * @return 402 Invalid Args: missing, extra or misnamed arguments, or a value of the wrong form
     */
    public static UpnpError invalidArgs(String detail) {
        return new UpnpError(402, "Invalid Args: " + detail);
    }

    /**
     * @param variable the variable asked for
     * @return 404 Invalid Var: QueryStateVariable of an unknown variable
     */
    public static UpnpError invalidVar(String variable) {
        return new UpnpError(404, "Invalid Var: " + variable);
    }

    /**
     * @param detail why
     * @return 501 Action Failed: the action could not be carried out
     */
    public static UpnpError actionFailed(String detail) {
        return new UpnpError(501, "Action Failed: " + detail);
    }

    /** @return the error code */
    public int code() {
        return code;
    }

    /** @return the error description */
    public String description() {
        return getMessage();
    }
}
