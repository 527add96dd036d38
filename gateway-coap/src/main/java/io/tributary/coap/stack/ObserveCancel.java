package io.tributary.coap.stack;

/** How a client ends an observation its subscriber cancelled (RFC 7641 §3.6). */
public enum ObserveCancel {
    /** A GET with Observe 1 and the observation's token. */
    DEREGISTER,
    /** Forget the token: the next notification is answered with RST. */
    RESET
}
