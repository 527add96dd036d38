package io.tributary.pnp.message;

import java.util.Objects;

/**
 * Reload the device now or after a delay.
 *
 * @param reload reason, delay, user and whether to save the configuration
 */
public record ReloadRequest(Reload reload) implements ServiceRequest {

    /** Checks the reload. */
    public ReloadRequest {
        Objects.requireNonNull(reload, "reload");
    }

    @Override
    public Service service() {
        return Service.RELOAD;
    }
}
