package io.tributary.coap.message;

/**
 * A message code of RFC 7252 §3 and §12.1: class (3 bits) and detail (5 bits) in one byte, written {@code c.dd}.
 * Methods are class 0, responses classes 2, 4 and 5. Every one of the 256 codes is one interned instance, so
 * codes compare with {@code ==} and {@link #of(int)} allocates nothing; registered codes print with their name,
 * e.g. {@code 2.04 Changed}.
 */
public final class CoapCode {

    private static final CoapCode[] CODES = new CoapCode[256];

    /** 0.00: an empty message (§4.1). */
    public static final CoapCode EMPTY = register(0, 0, "Empty");
    /** 0.01 GET (§5.8.1). */
    public static final CoapCode GET = register(0, 1, "GET");
    /** 0.02 POST (§5.8.2). */
    public static final CoapCode POST = register(0, 2, "POST");
    /** 0.03 PUT (§5.8.3). */
    public static final CoapCode PUT = register(0, 3, "PUT");
    /** 0.04 DELETE (§5.8.4). */
    public static final CoapCode DELETE = register(0, 4, "DELETE");
    /** 0.05 FETCH (RFC 8132). */
    public static final CoapCode FETCH = register(0, 5, "FETCH");
    /** 0.06 PATCH (RFC 8132). */
    public static final CoapCode PATCH = register(0, 6, "PATCH");
    /** 0.07 iPATCH (RFC 8132). */
    public static final CoapCode IPATCH = register(0, 7, "iPATCH");

    /** 2.01 Created (§5.9.1.1). */
    public static final CoapCode CREATED = register(2, 1, "Created");
    /** 2.02 Deleted (§5.9.1.2). */
    public static final CoapCode DELETED = register(2, 2, "Deleted");
    /** 2.03 Valid (§5.9.1.3). */
    public static final CoapCode VALID = register(2, 3, "Valid");
    /** 2.04 Changed (§5.9.1.4). */
    public static final CoapCode CHANGED = register(2, 4, "Changed");
    /** 2.05 Content (§5.9.1.5). */
    public static final CoapCode CONTENT = register(2, 5, "Content");
    /** 2.31 Continue (RFC 7959). */
    public static final CoapCode CONTINUE = register(2, 31, "Continue");
    /** 4.00 Bad Request (§5.9.2.1). */
    public static final CoapCode BAD_REQUEST = register(4, 0, "Bad Request");
    /** 4.01 Unauthorized (§5.9.2.2). */
    public static final CoapCode UNAUTHORIZED = register(4, 1, "Unauthorized");
    /** 4.02 Bad Option (§5.9.2.3). */
    public static final CoapCode BAD_OPTION = register(4, 2, "Bad Option");
    /** 4.03 Forbidden (§5.9.2.4). */
    public static final CoapCode FORBIDDEN = register(4, 3, "Forbidden");
    /** 4.04 Not Found (§5.9.2.5). */
    public static final CoapCode NOT_FOUND = register(4, 4, "Not Found");
    /** 4.05 Method Not Allowed (§5.9.2.6). */
    public static final CoapCode METHOD_NOT_ALLOWED = register(4, 5, "Method Not Allowed");
    /** 4.06 Not Acceptable (§5.9.2.7). */
    public static final CoapCode NOT_ACCEPTABLE = register(4, 6, "Not Acceptable");
    /** 4.08 Request Entity Incomplete (RFC 7959). */
    public static final CoapCode REQUEST_ENTITY_INCOMPLETE = register(4, 8, "Request Entity Incomplete");
    /** 4.09 Conflict (RFC 8132). */
    public static final CoapCode CONFLICT = register(4, 9, "Conflict");
    /** 4.12 Precondition Failed (§5.9.2.8). */
    public static final CoapCode PRECONDITION_FAILED = register(4, 12, "Precondition Failed");
    /** 4.13 Request Entity Too Large (§5.9.2.9). */
    public static final CoapCode REQUEST_ENTITY_TOO_LARGE = register(4, 13, "Request Entity Too Large");
    /** 4.15 Unsupported Content-Format (§5.9.2.10). */
    public static final CoapCode UNSUPPORTED_CONTENT_FORMAT = register(4, 15, "Unsupported Content-Format");
    /** 4.22 Unprocessable Entity (RFC 8132). */
    public static final CoapCode UNPROCESSABLE_ENTITY = register(4, 22, "Unprocessable Entity");
    /** 4.29 Too Many Requests (RFC 8516). */
    public static final CoapCode TOO_MANY_REQUESTS = register(4, 29, "Too Many Requests");
    /** 5.00 Internal Server Error (§5.9.3.1). */
    public static final CoapCode INTERNAL_SERVER_ERROR = register(5, 0, "Internal Server Error");
    /** 5.01 Not Implemented (§5.9.3.2). */
    public static final CoapCode NOT_IMPLEMENTED = register(5, 1, "Not Implemented");
    /** 5.02 Bad Gateway (§5.9.3.3). */
    public static final CoapCode BAD_GATEWAY = register(5, 2, "Bad Gateway");
    /** 5.03 Service Unavailable (§5.9.3.4). */
    public static final CoapCode SERVICE_UNAVAILABLE = register(5, 3, "Service Unavailable");
    /** 5.04 Gateway Timeout (§5.9.3.5). */
    public static final CoapCode GATEWAY_TIMEOUT = register(5, 4, "Gateway Timeout");
    /** 5.05 Proxying Not Supported (§5.9.3.6). */
    public static final CoapCode PROXYING_NOT_SUPPORTED = register(5, 5, "Proxying Not Supported");

    static {
        for (int value = 0; value < CODES.length; value++) {
            if (CODES[value] == null) {
                CODES[value] = new CoapCode(value, null);
            }
        }
    }

    private final int value;
    private final String name;

    private CoapCode(int value, String name) {
        this.value = value;
        this.name = name;
    }

    private static CoapCode register(int codeClass, int detail, String name) {
        CoapCode code = new CoapCode((codeClass << 5) | detail, name);
        CODES[code.value] = code;
        return code;
    }

    /**
     * @param value the code byte, 0 to 255; unregistered codes are allowed, as the registry may grow
     * @return its code
     */
    public static CoapCode of(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("a code is one byte, not " + value);
        }
        return CODES[value];
    }

    /**
     * @param codeClass the class, 0 to 7
     * @param detail the detail, 0 to 31
     * @return the code {@code codeClass.detail}
     */
    public static CoapCode of(int codeClass, int detail) {
        if (codeClass < 0 || codeClass > 7 || detail < 0 || detail > 31) {
            throw new IllegalArgumentException("no code " + codeClass + "." + detail);
        }
        return CODES[(codeClass << 5) | detail];
    }

    /** @return the code byte, 0 to 255, as on the wire */
    public int value() {
        return value;
    }

    /** @return the class, e.g. 4 for 4.04 */
    public int codeClass() {
        return value >> 5;
    }

    /** @return the detail, e.g. 4 for 4.04 */
    public int detail() {
        return value & 0x1f;
    }

    /** @return whether it is a method: class 0, not 0.00 */
    public boolean isRequest() {
        return value != 0 && value >> 5 == 0;
    }

    /** @return whether it is a response: class 2 to 5 */
    public boolean isResponse() {
        int codeClass = value >> 5;
        return codeClass >= 2 && codeClass <= 5;
    }

    /** @return whether it is a success response: class 2 */
    public boolean isSuccess() {
        return value >> 5 == 2;
    }

    /** @return the name the registry gives it, e.g. {@code Changed} or {@code GET}; {@code null} when unregistered */
    public String name() {
        return name;
    }

    /** @return the dotted form, e.g. {@code 2.04} */
    public String dotted() {
        int detail = detail();
        return codeClass() + "." + (detail < 10 ? "0" : "") + detail;
    }

    /** @return e.g. {@code 2.04 Changed}, {@code 0.01 GET}, or {@code 2.07} when unregistered */
    @Override
    public String toString() {
        return name == null ? dotted() : dotted() + " " + name;
    }
}
