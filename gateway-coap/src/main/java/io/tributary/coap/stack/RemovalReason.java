package io.tributary.coap.stack;

/** Why an observe relation ended, or was never made (RFC 7641). */
public enum RemovalReason {
    /** The client answered a notification with RST (§3.6). */
    RST,
    /** A CON notification was never acknowledged (§4.5). */
    TIMEOUT,
    /** The client deregistered with Observe 1 (§3.6), or re-registered with a failing request. */
    DEREGISTER,
    /** The resource is gone or failed: a final 4.04 (or other error) notification was sent (§3.2). */
    DELETED,
    /** The representation can no longer be served in the registered format: a final 4.06 was sent. */
    NOT_ACCEPTABLE,
    /** Never made: the total or per-peer cap of relations was reached, the GET was answered without Observe. */
    LIMIT
}
