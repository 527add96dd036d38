package io.tributary.pnp.message;

/** The one body child of a {@code <pnp>} envelope. */
public sealed interface PnpBody permits WorkRequest, Bye, ServiceRequest, ServiceResponse, Fault {
}
