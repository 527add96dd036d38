package io.tributary.pnp.message;

import java.util.Objects;

/**
 * Point the agent's PnP profile at another server.
 *
 * @param callback whether the agent should call back to this server first, or {@code null} to leave it out
 * @param primary the new server
 * @param backup a backup server, or {@code null}
 */
public record RedirectionRequest(Boolean callback, ServerAddress primary, ServerAddress backup)
        implements ServiceRequest {

    /** Checks the primary server. */
    public RedirectionRequest {
        Objects.requireNonNull(primary, "primary");
    }

    @Override
    public Service service() {
        return Service.REDIRECTION;
    }
}
