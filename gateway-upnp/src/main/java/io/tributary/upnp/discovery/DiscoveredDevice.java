package io.tributary.upnp.discovery;

import java.time.Duration;
import java.util.List;

/**
 * A root device in the registry, for status pages ({@code GET /upnp/devices}, {@code UpnpAdapter.devices()}):
 * what it announced, what its description says (empty while it is fetched or when it could not be), and the
 * gateway's subscriptions to its services.
 *
 * @param udn its UDN
 * @param deviceType its device type, or {@code null} until described
 * @param friendlyName its friendly name, or {@code null} until described
 * @param manufacturer its manufacturer, or {@code null} until described
 * @param modelName its model name, or {@code null} until described
 * @param location its description URL
 * @param server its SERVER header, or {@code null}
 * @param bootId its BOOTID.UPNP.ORG, or -1
 * @param configId its CONFIGID.UPNP.ORG, or -1
 * @param expiresIn the time until it is dropped unless it announces itself again
 * @param followed whether the gateway follows one of its services (a discovery rule asks for it)
 * @param services its services and those of its embedded devices
 * @param problem why it has no description (fetch or read failure), or {@code null}
 */
public record DiscoveredDevice(String udn, String deviceType, String friendlyName, String manufacturer,
                               String modelName, String location, String server, long bootId, long configId,
                               Duration expiresIn, boolean followed, List<DiscoveredService> services,
                               String problem) {

    /**
     * Copies the list.
     *
     * @param udn the UDN
     * @param deviceType the device type
     * @param friendlyName the friendly name
     * @param manufacturer the manufacturer
     * @param modelName the model name
     * @param location the LOCATION
     * @param server the SERVER
     * @param bootId the BOOTID
     * @param configId the CONFIGID
     * @param expiresIn the time left
     * @param followed whether followed
     * @param services the services
     * @param problem the problem
     */
    public DiscoveredDevice {
        services = List.copyOf(services);
    }
}
