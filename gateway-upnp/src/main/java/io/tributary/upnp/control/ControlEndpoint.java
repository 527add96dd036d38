package io.tributary.upnp.control;

import java.util.List;
import java.util.Objects;

import io.tributary.upnp.description.Scpd;

/**
 * One control URL: the service type its requests are addressed to, the actions its SCPD lists, and the service
 * carrying them out.
 *
 * @param serviceType e.g. {@code urn:tributary-io:service:Topics:1}
 * @param actions the actions of its SCPD
 * @param service what carries them out
 */
public record ControlEndpoint(String serviceType, List<Scpd.Action> actions, ControlService service) {

    /**
     * Checks the parts.
     *
     * @param serviceType the service type
     * @param actions the actions
     * @param service the service
     */
    public ControlEndpoint {
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(service, "service");
        actions = List.copyOf(actions);
    }
}
