package io.tributary.upnp.description;

import java.util.Objects;

/**
 * One {@code service} element of a device description (UDA 2.0 §2.3): its type, identifier and the three URLs. The
 * gateway writes its own URLs as absolute paths (relative to the description URL); a description read from a
 * device has them resolved to absolute {@code http://} URLs, or empty when missing or unusable.
 *
 * @param serviceType e.g. {@code urn:schemas-upnp-org:service:RenderingControl:1}
 * @param serviceId e.g. {@code urn:upnp-org:serviceId:RenderingControl}
 * @param scpdUrl the SCPD URL
 * @param controlUrl the control URL
 * @param eventSubUrl the event subscription URL
 */
public record ServiceDescription(String serviceType, String serviceId, String scpdUrl, String controlUrl,
                                 String eventSubUrl) {

    /**
     * Checks the parts.
     *
     * @param serviceType the service type
     * @param serviceId the service identifier
     * @param scpdUrl the SCPD URL
     * @param controlUrl the control URL
     * @param eventSubUrl the event subscription URL
     */
    public ServiceDescription {
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(scpdUrl, "scpdUrl");
        Objects.requireNonNull(controlUrl, "controlUrl");
        Objects.requireNonNull(eventSubUrl, "eventSubUrl");
    }

    /**
     * @return the last part of the service identifier, e.g. {@code RenderingControl} for
     *         {@code urn:upnp-org:serviceId:RenderingControl}; the topic segment of its events
     */
    public String shortId() {
        return UpnpTypes.shortName(serviceId);
    }
}
