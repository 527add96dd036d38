package io.tributary.pnp.message;

/** The namespaces of the PnP envelope and the bodies that are not services. */
public final class Namespaces {

    /** The envelope, {@code <pnp>}. */
    public static final String PNP = "urn:cisco:pnp";
    /** Work request ({@code deviceId}) and bye ({@code workInfo}). */
    public static final String WORK_INFO = "urn:cisco:pnp:work-info";
    /** A fault: the peer could not parse what it was sent. */
    public static final String FAULT = "urn:cisco:pnp:fault";
    /** The only protocol version, {@code 1.0}. */
    public static final String VERSION = "1.0";

    private Namespaces() {
    }
}
