package io.tributary.upnp.publisher;

/** Which CALLBACK hosts a SUBSCRIBE may name besides the allowed networks (CallStranger, CVE-2020-12695). */
public enum CallbackScope {
    /** Only the requester's own address (as miniupnpd and minidlna). */
    REQUESTER,
    /** The requester's address or any address in the listener's subnet (as GUPnP and pupnp; the default). */
    SUBNET
}
