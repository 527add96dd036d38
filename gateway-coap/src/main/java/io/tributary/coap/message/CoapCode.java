package io.tributary.coap.message;

/**
 * Message codes of RFC 7252 §12.1 as {@code c.dd} (class 3 bits, detail 5 bits) held in one byte; methods are
 * class 0, responses classes 2, 4 and 5.
 */
public final class CoapCode {

    /** 0.00: an empty message. */
    public static final int EMPTY = 0;
    /** 0.01 GET. */
    public static final int GET = 1;
    /** 0.02 POST. */
    public static final int POST = 2;
    /** 0.03 PUT. */
    public static final int PUT = 3;
    /** 0.04 DELETE. */
    public static final int DELETE = 4;
    /** 0.05 FETCH (RFC 8132). */
    public static final int FETCH = 5;
    /** 0.06 PATCH (RFC 8132). */
    public static final int PATCH = 6;
    /** 0.07 iPATCH (RFC 8132). */
    public static final int IPATCH = 7;

    /** 2.01 Created. */
    public static final int CREATED = code(2, 1);
    /** 2.02 Deleted. */
    public static final int DELETED = code(2, 2);
    /** 2.03 Valid. */
    public static final int VALID = code(2, 3);
    /** 2.04 Changed. */
    public static final int CHANGED = code(2, 4);
    /** 2.05 Content. */
    public static final int CONTENT = code(2, 5);
    /** 2.31 Continue (RFC 7959). */
    public static final int CONTINUE = code(2, 31);
    /** 4.00 Bad Request. */
    public static final int BAD_REQUEST = code(4, 0);
    /** 4.01 Unauthorized. */
    public static final int UNAUTHORIZED = code(4, 1);
    /** 4.02 Bad Option. */
    public static final int BAD_OPTION = code(4, 2);
    /** 4.03 Forbidden. */
    public static final int FORBIDDEN = code(4, 3);
    /** 4.04 Not Found. */
    public static final int NOT_FOUND = code(4, 4);
    /** 4.05 Method Not Allowed. */
    public static final int METHOD_NOT_ALLOWED = code(4, 5);
    /** 4.06 Not Acceptable. */
    public static final int NOT_ACCEPTABLE = code(4, 6);
    /** 4.08 Request Entity Incomplete (RFC 7959). */
    public static final int REQUEST_ENTITY_INCOMPLETE = code(4, 8);
    /** 4.12 Precondition Failed. */
    public static final int PRECONDITION_FAILED = code(4, 12);
    /** 4.13 Request Entity Too Large. */
    public static final int REQUEST_ENTITY_TOO_LARGE = code(4, 13);
    /** 4.15 Unsupported Content-Format. */
    public static final int UNSUPPORTED_CONTENT_FORMAT = code(4, 15);
    /** 5.00 Internal Server Error. */
    public static final int INTERNAL_SERVER_ERROR = code(5, 0);
    /** 5.01 Not Implemented. */
    public static final int NOT_IMPLEMENTED = code(5, 1);
    /** 5.02 Bad Gateway. */
    public static final int BAD_GATEWAY = code(5, 2);
    /** 5.03 Service Unavailable. */
    public static final int SERVICE_UNAVAILABLE = code(5, 3);
    /** 5.04 Gateway Timeout. */
    public static final int GATEWAY_TIMEOUT = code(5, 4);
    /** 5.05 Proxying Not Supported. */
    public static final int PROXYING_NOT_SUPPORTED = code(5, 5);

    private CoapCode() {
    }

    /**
     * @param codeClass the class, 0 to 7
     * @param detail the detail, 0 to 31
     * @return the code byte
     */
    public static int code(int codeClass, int detail) {
        return (codeClass << 5) | detail;
    }

    /**
     * @param code a code byte
     * @return its class, e.g. 4 for 4.04
     */
    public static int codeClass(int code) {
        return (code >> 5) & 0x7;
    }

    /**
     * @param code a code byte
     * @return its detail, e.g. 4 for 4.04
     */
    public static int detail(int code) {
        return code & 0x1f;
    }

    /**
     * @param code a code byte
     * @return whether it is a method (class 0, not empty)
     */
    public static boolean isRequest(int code) {
        return code != EMPTY && codeClass(code) == 0;
    }

    /**
     * @param code a code byte
     * @return whether it is a response (class 2 to 5)
     */
    public static boolean isResponse(int code) {
        int codeClass = codeClass(code);
        return codeClass >= 2 && codeClass <= 5;
    }

    /**
     * @param code a code byte
     * @return the dotted form, e.g. {@code 2.05}
     */
    public static String text(int code) {
        int detail = detail(code);
        return codeClass(code) + "." + (detail < 10 ? "0" : "") + detail;
    }

    /**
     * @param code a method code
     * @return the method name, e.g. {@code GET}, or the dotted code when unknown
     */
    public static String methodName(int code) {
        switch (code) {
            case GET:
                return "GET";
            case POST:
                return "POST";
            case PUT:
                return "PUT";
            case DELETE:
                return "DELETE";
            case FETCH:
                return "FETCH";
            case PATCH:
                return "PATCH";
            case IPATCH:
                return "iPATCH";
            default:
                return text(code);
        }
    }
}
