package io.tributary.pnp.message;

/**
 * Why a service failed ({@code errorInfo}).
 *
 * @param severity {@code ERROR}, {@code WARNING} or {@code XSVC_ERROR}, or {@code null} when the agent sent none
 * @param code e.g. {@code PnP Service Error 1806}, or {@code null}
 * @param message the agent's explanation, or {@code null}
 */
public record ErrorInfo(String severity, String code, String message) {

    /** Prefix of every service error code. */
    public static final String CODE_PREFIX = "PnP Service Error ";

    /**
     * @param severity e.g. {@code XSVC_ERROR}
     * @param number the error number, e.g. 1806
     * @param message the explanation
     * @return the error info
     */
    public static ErrorInfo of(String severity, int number, String message) {
        return new ErrorInfo(severity, CODE_PREFIX + number, message);
    }

    /** @return the number at the end of the code (1806 for {@code PnP Service Error 1806}), or -1 when none */
    public int number() {
        if (code == null) {
            return -1;
        }
        int end = code.length();
        int start = end;
        while (start > 0 && Character.isDigit(code.charAt(start - 1)) && end - start < 9) {
            start--;
        }
        return start == end ? -1 : Integer.parseInt(code.substring(start, end));
    }
}
