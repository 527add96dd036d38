package io.tributary.core.gateway;

/** Where an adapter is in its lifecycle; only {@link #STARTED} counts as ready. */
public enum AdapterState {
    /** Registered, not yet asked to start. */
    NEW,
    /** Start requested, not yet complete. */
    STARTING,
    /** Serving. */
    STARTED,
    /** Stop requested, not yet complete. */
    STOPPING,
    /** Stopped. */
    STOPPED,
    /** Start failed. */
    FAILED
}
