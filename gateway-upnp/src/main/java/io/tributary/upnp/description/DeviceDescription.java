package io.tributary.upnp.description;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A device as its description document states it (UDA 2.0 §2.3): type, UDN, the names people read, its services
 * and embedded devices. Optional elements are {@code null} when absent. The gateway's own device is written from
 * one; a device found on the network is read into one.
 *
 * @param deviceType e.g. {@code urn:tributary-io:device:Gateway:1}
 * @param udn the unique device name, {@code uuid:…}
 * @param friendlyName a short name for people
 * @param manufacturer the manufacturer's name
 * @param manufacturerUrl the manufacturer's web site, or {@code null}
 * @param modelDescription a long model description, or {@code null}
 * @param modelName the model name
 * @param modelNumber the model number, or {@code null}
 * @param modelUrl the model's web site, or {@code null}
 * @param serialNumber the serial number, or {@code null}
 * @param presentationUrl the presentation page, or {@code null}
 * @param services its services, in document order
 * @param devices its embedded devices, in document order
 */
public record DeviceDescription(String deviceType, String udn, String friendlyName, String manufacturer,
                                String manufacturerUrl, String modelDescription, String modelName,
                                String modelNumber, String modelUrl, String serialNumber, String presentationUrl,
                                List<ServiceDescription> services, List<DeviceDescription> devices) {

    /**
     * Checks the required parts and copies the lists.
     *
     * @param deviceType the device type
     * @param udn the unique device name
     * @param friendlyName the friendly name
     * @param manufacturer the manufacturer
     * @param manufacturerUrl the manufacturer URL
     * @param modelDescription the model description
     * @param modelName the model name
     * @param modelNumber the model number
     * @param modelUrl the model URL
     * @param serialNumber the serial number
     * @param presentationUrl the presentation URL
     * @param services the services
     * @param devices the embedded devices
     */
    public DeviceDescription {
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(udn, "udn");
        Objects.requireNonNull(friendlyName, "friendlyName");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(modelName, "modelName");
        services = List.copyOf(services);
        devices = List.copyOf(devices);
    }

    /** @return this device and every embedded device below it, depth first */
    public List<DeviceDescription> allDevices() {
        List<DeviceDescription> all = new ArrayList<>();
        collect(this, all);
        return all;
    }

    private static void collect(DeviceDescription device, List<DeviceDescription> into) {
        into.add(device);
        device.devices.forEach(embedded -> collect(embedded, into));
    }
}
