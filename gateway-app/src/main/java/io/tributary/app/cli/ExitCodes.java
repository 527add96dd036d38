package io.tributary.app.cli;

/**
 * Exit codes of the client subcommands, by the class of the answer: 0 success (CoAP 2.xx, HTTP 2xx), 4 the request
 * was refused (CoAP 4.xx, HTTP 4xx), 5 the server failed (CoAP 5.xx, HTTP 5xx), 3 no answer at all (timeout,
 * reset, connection refused); 2 stays the usage error and 1 any other failure.
 */
final class ExitCodes {

    /** No answer: timeout, reset, connection refused. */
    static final int NO_ANSWER = 3;
    /** The request was refused: CoAP 4.xx, HTTP 4xx. */
    static final int REFUSED = 4;
    /** The server failed: CoAP 5.xx, HTTP 5xx. */
    static final int SERVER_ERROR = 5;

    private ExitCodes() {
    }

    /**
     * @param responseClass 2, 4 or 5 (CoAP code class, or HTTP status / 100)
     * @return the exit code
     */
    static int of(int responseClass) {
        return switch (responseClass) {
            case 2 -> 0;
            case 4 -> REFUSED;
            case 5 -> SERVER_ERROR;
            default -> TributaryCommand.RUNTIME_ERROR;
        };
    }
}
