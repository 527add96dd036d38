package io.tributary.upnp.discovery;

import java.util.List;

import io.tributary.core.config.Settings;
import io.tributary.upnp.description.DeviceDescription;
import io.tributary.upnp.description.UpnpTypes;

/**
 * One discovery rule ({@link DiscoveryConfig#RULE}): a device matches when each non-empty list holds its type (or
 * an earlier version of it, UDA 2.0 §1.3.2) or its UDN; of a matching device the services whose type a non-empty
 * service-types list holds (all when it is empty) are followed.
 *
 * @param deviceTypes device types, empty for any
 * @param serviceTypes service types, empty for any
 * @param udns UDNs, empty for any
 */
public record DiscoveryRule(List<String> deviceTypes, List<String> serviceTypes, List<String> udns) {

    /**
     * Copies the lists.
     *
     * @param deviceTypes the device types
     * @param serviceTypes the service types
     * @param udns the UDNs
     */
    public DiscoveryRule {
        deviceTypes = List.copyOf(deviceTypes);
        serviceTypes = List.copyOf(serviceTypes);
        udns = List.copyOf(udns);
    }

    /**
     * @param rule values of {@link DiscoveryConfig#RULE}
     * @return the rule
     */
    public static DiscoveryRule of(Settings rule) {
        return new DiscoveryRule(rule.get(DiscoveryConfig.RULE_DEVICE_TYPES),
                rule.get(DiscoveryConfig.RULE_SERVICE_TYPES), rule.get(DiscoveryConfig.RULE_UDNS));
    }

    /**
     * @param device a (root or embedded) device
     * @return whether this rule asks for it
     */
    public boolean matches(DeviceDescription device) {
        return (deviceTypes.isEmpty() || deviceTypes.stream().anyMatch(type -> UpnpTypes.satisfies(type,
                device.deviceType())))
                && (udns.isEmpty() || udns.stream().anyMatch(udn -> udn.equalsIgnoreCase(device.udn())));
    }

    /**
     * @param serviceType a service type of a matching device
     * @return whether this rule follows it
     */
    public boolean follows(String serviceType) {
        return serviceTypes.isEmpty() || serviceTypes.stream().anyMatch(type -> UpnpTypes.satisfies(type,
                serviceType));
    }
}
