package io.tributary.upnp.description;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import io.tributary.core.config.ScalarType;
import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;

/**
 * The {@code device} section: how the gateway's root device {@value #DEVICE_TYPE} describes itself (UDA 2.0 §2.3):
 * UDN, names, model, serial number and presentation URL.
 */
public final class DeviceConfig {

    /** The gateway's device type. */
    public static final String DEVICE_TYPE = "urn:tributary-io:device:Gateway:1";

    /** The {@code device} section. */
    public static final Section SECTION = Section.create("device", "The gateway as a UPnP root device of type "
            + DEVICE_TYPE + " (UDA 2.0 §2.3): identity and the names control points show.");

    /** Text UDA wants under 64 characters. */
    private static final ScalarType<String> TEXT_63 = ValueTypes.nonBlankText()
            .require(text -> text.length() < 64, "under 64 characters");
    /** Text UDA wants under 32 characters. */
    private static final ScalarType<String> TEXT_31 = ValueTypes.nonBlankText()
            .require(text -> text.length() < 32, "under 32 characters");

    /** The configured UDN. */
    public static final Setting<String> UDN = SECTION.optional("udn",
            ValueTypes.nonBlankText().require(UpnpTypes::isUdn,
            "uuid: and a UUID of 8-4-4-4-12 hex digits"), "The unique device name,"
                    + " uuid: and a UUID (UDA 2.0 §1.1.4); unset: generated once and kept in <data-dir>/upnp/udn.");
    /** The friendly name. */
    public static final Setting<String> FRIENDLY_NAME = SECTION.define("friendly-name", TEXT_63,
            "Tributary gateway", "friendlyName: the short name control points show.");
    /** The manufacturer. */
    public static final Setting<String> MANUFACTURER = SECTION.define("manufacturer", TEXT_63, "Tributary",
            "manufacturer.");
    /** The manufacturer's web site. */
    public static final Setting<URI> MANUFACTURER_URL = SECTION.optional("manufacturer-url", ValueTypes.uri(),
            "manufacturerURL; unset: not written.");
    /** The model name. */
    public static final Setting<String> MODEL_NAME = SECTION.define("model-name", TEXT_31, "Tributary Gateway",
            "modelName.");
    /** The model number. */
    public static final Setting<String> MODEL_NUMBER = SECTION.define("model-number", TEXT_31, "0.1",
            "modelNumber.");
    /** The model description. */
    public static final Setting<String> MODEL_DESCRIPTION = SECTION.optional("model-description",
            ValueTypes.nonBlankText().require(text -> text.length() < 128, "under 128 characters"),
            "modelDescription; unset: not written.");
    /** The serial number. */
    public static final Setting<String> SERIAL_NUMBER = SECTION.optional("serial-number", TEXT_63,
            "serialNumber; unset: not written.");
    /** The presentation URL. */
    public static final Setting<String> PRESENTATION_URL = SECTION.optional("presentation-url",
            ValueTypes.nonBlankText().require(DeviceConfig::isUrl, "a URL or an absolute path"),
            "presentationURL, e.g. /ui when the gateway serves its console; unset: not written.");

    private DeviceConfig() {
    }

    /** @return the defaults: generated UDN, "Tributary gateway", no presentation URL */
    public static Settings defaults() {
        return SECTION.defaults();
    }

    /**
     * @param settings values of {@link #SECTION}
     * @param udn the UDN in use (configured or stored)
     * @param services the root device's services
     * @return the root device's description
     */
    public static DeviceDescription description(Settings settings, String udn, List<ServiceDescription> services) {
        URI manufacturerUrl = settings.get(MANUFACTURER_URL);
        return new DeviceDescription(DEVICE_TYPE, udn, settings.get(FRIENDLY_NAME), settings.get(MANUFACTURER),
                manufacturerUrl == null ? null : manufacturerUrl.toString(), settings.get(MODEL_DESCRIPTION),
                settings.get(MODEL_NAME), settings.get(MODEL_NUMBER), null, settings.get(SERIAL_NUMBER),
                settings.get(PRESENTATION_URL), services, List.of());
    }

    private static boolean isUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() || text.startsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
