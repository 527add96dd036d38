package io.tributary.pnp.message;

import java.util.Objects;

/**
 * A document the receiver could not understand ({@code urn:cisco:pnp:fault} {@code response/fault}); it has no
 * correlator.
 *
 * @param code e.g. {@code XSVC:Client} (the sender's fault) or {@code XSVC:Server}
 * @param reason human-readable cause ({@code faultstring})
 * @param detail more detail, or {@code null}
 */
public record Fault(String code, String reason, String detail) implements PnpBody {

    /** Fault code for a malformed or refused document. */
    public static final String CLIENT = "XSVC:Client";
    /** Fault code for a failure on the receiving side. */
    public static final String SERVER = "XSVC:Server";

    /** Checks code and reason are present. */
    public Fault {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }
}
