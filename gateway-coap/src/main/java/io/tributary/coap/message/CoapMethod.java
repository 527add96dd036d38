package io.tributary.coap.message;

/** The request methods: RFC 7252 §5.8 (GET, POST, PUT, DELETE) and RFC 8132 (FETCH, PATCH, iPATCH). */
public enum CoapMethod {
    /** 0.01: retrieve a representation. */
    GET(CoapCode.GET),
    /** 0.02: process the enclosed representation, e.g. create a resource. */
    POST(CoapCode.POST),
    /** 0.03: create or replace the resource with the enclosed representation. */
    PUT(CoapCode.PUT),
    /** 0.04: delete the resource. */
    DELETE(CoapCode.DELETE),
    /** 0.05: retrieve with a request body (RFC 8132). */
    FETCH(CoapCode.FETCH),
    /** 0.06: apply a patch (RFC 8132). */
    PATCH(CoapCode.PATCH),
    /** 0.07: apply an idempotent patch (RFC 8132). */
    IPATCH(CoapCode.IPATCH);

    private static final CoapMethod[] BY_DETAIL = values();

    private final CoapCode code;

    CoapMethod(CoapCode code) {
        this.code = code;
    }

    /** @return the method's code, e.g. 0.01 for GET */
    public CoapCode code() {
        return code;
    }

    /**
     * @param code a message code
     * @return its method, or {@code null} when the code is not one of these methods
     */
    public static CoapMethod of(CoapCode code) {
        int value = code.value();
        return value >= 1 && value <= BY_DETAIL.length ? BY_DETAIL[value - 1] : null;
    }

    /** @return the method's name, e.g. {@code GET} or {@code iPATCH} */
    @Override
    public String toString() {
        return code.name();
    }
}
