package io.tributary.pnp.store;

/** Where a device is in its provisioning. */
public enum DeviceState {
    /** Seen, no step sent yet. */
    NEW,
    /** Working through its rule's steps. */
    PROVISIONING,
    /** A step failed; it is retried after a growing backoff. */
    RETRYING,
    /** All steps done and the rule ends with a backoff: the device is parked (unknown devices end here). */
    BACKED_OFF,
    /** All steps done and provisioning terminated; the agent removed its PnP profile. */
    DONE,
    /** A step failed more often than the retry limit allows; the device is told to back off. */
    FAILED
}
