package io.tributary.pnp.message;

import java.util.Objects;

/**
 * A whole PnP document: the {@code <pnp>} envelope ({@code version}, {@code udi}, optional {@code sid},
 * {@code usr}/{@code pwd}) and its one body with the correlator. {@link #toString()} never shows the password.
 *
 * @param version protocol version, {@code 1.0}
 * @param udi the UDI as the agent wrote it
 * @param sid session id set by the server, or {@code null}
 * @param credentials device login set by the server, or {@code null}
 * @param correlator the correlator attribute of the body, or {@code null} (faults have none)
 * @param body the body
 */
public record PnpMessage(String version, String udi, String sid, Credentials credentials, String correlator,
                         PnpBody body) {

    /** Checks the required parts. */
    public PnpMessage {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(udi, "udi");
        Objects.requireNonNull(body, "body");
    }

    /**
     * @param udi the UDI as the agent wrote it
     * @param correlator the body's correlator
     * @param body the body
     * @return a version 1.0 message without session id or credentials
     */
    public static PnpMessage of(String udi, String correlator, PnpBody body) {
        return new PnpMessage(Namespaces.VERSION, udi, null, null, correlator, body);
    }

    /**
     * @param login credentials for the envelope, or {@code null} for none
     * @return a copy with those credentials
     */
    public PnpMessage withCredentials(Credentials login) {
        return new PnpMessage(version, udi, sid, login, correlator, body);
    }

    /** @return the parsed UDI; throws {@link IllegalArgumentException} when it holds no valid serial */
    public Udi deviceUdi() {
        return Udi.parse(udi);
    }

    /** @return a description without the password */
    @Override
    public String toString() {
        return "PnpMessage[udi=" + udi + ", correlator=" + correlator + (sid == null ? "" : ", sid=" + sid)
                + (credentials == null ? "" : ", usr=" + credentials.username() + ", pwd=****") + ", body=" + body + "]";
    }
}
