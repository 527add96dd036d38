package io.tributary.pnp.message;

import java.util.List;

/**
 * A capability response.
 *
 * @param capabilities e.g. {@code cisco:pnp:image-install}
 * @param features e.g. {@code cisco:pnp:service-log}
 */
public record Capabilities(List<String> capabilities, List<String> features) implements ServiceResult {

    /** Copies the lists. */
    public Capabilities {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        features = features == null ? List.of() : List.copyOf(features);
    }
}
