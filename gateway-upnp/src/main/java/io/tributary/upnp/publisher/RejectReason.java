package io.tributary.upnp.publisher;

/**
 * Why the publisher refused a SUBSCRIBE or UNSUBSCRIBE, with the status UDA 2.0 §4.1.2–§4.1.4 (or HTTP/1.1 for
 * the Host header) prescribes; {@link #tag()} is the {@code reason} tag of {@code tributary.upnp.rejected}.
 */
public enum RejectReason {
    /** Host header missing or not naming this listener (DNS rebinding defence): 400. */
    HOST_HEADER(400, "host-header"),
    /** SID together with NT or CALLBACK: 400 Incompatible header fields. */
    INCOMPATIBLE_HEADERS(400, "incompatible-headers"),
    /** NT missing or not {@code upnp:event}: 412. */
    NT_INVALID(412, "nt-invalid"),
    /** CALLBACK missing or empty: 412. */
    CALLBACK_MISSING(412, "callback-missing"),
    /** More CALLBACK URLs than allowed: 412. */
    CALLBACK_TOO_MANY(412, "callback-too-many"),
    /** A CALLBACK URL that is not a valid URL: 412 when no usable URL remains. */
    CALLBACK_MALFORMED(412, "callback-malformed"),
    /** A CALLBACK URL that is not {@code http://}: 412 when no usable URL remains. */
    CALLBACK_SCHEME(412, "callback-scheme"),
    /** A CALLBACK URL longer than allowed: 412 when no usable URL remains. */
    CALLBACK_TOO_LONG(412, "callback-too-long"),
    /** A CALLBACK URL naming a host instead of an IP literal (never resolved): 412 when no usable URL remains. */
    CALLBACK_HOST_NAME(412, "callback-host-name"),
    /** A CALLBACK address outside the allowed scope (CallStranger): 412 when no usable URL remains. */
    CALLBACK_OUT_OF_SCOPE(412, "callback-out-of-scope"),
    /** SID missing on UNSUBSCRIBE: 412. */
    SID_MISSING(412, "sid-missing"),
    /** SID unknown or expired: 412, so that clients re-subscribe. */
    UNKNOWN_SID(412, "unknown-sid"),
    /** The total subscription limit is reached: 503. */
    LIMIT_TOTAL(503, "limit-total"),
    /** The requester's subscription limit is reached: 503. */
    LIMIT_REQUESTER(503, "limit-requester");

    private final int status;
    private final String tag;

    RejectReason(int status, String tag) {
        this.status = status;
        this.tag = tag;
    }

    /** @return the HTTP status answered */
    public int status() {
        return status;
    }

    /** @return the metric tag value, kebab-case */
    public String tag() {
        return tag;
    }
}
