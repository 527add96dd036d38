package io.tributary.upnp.discovery;

import java.util.List;
import java.util.Locale;

/**
 * Writes the registry as the JSON of {@code GET /upnp/devices}: {@code {"devices": [ … ]}}, each device with its
 * UDN, type, names, location, server, BOOTID, CONFIGID, seconds until it expires, whether it is followed, the
 * problem with its description (or null) and its services with the state of the gateway's subscription.
 */
final class DevicesJson {

    private DevicesJson() {
    }

    static String write(List<DiscoveredDevice> devices) {
        StringBuilder out = new StringBuilder(256 + 512 * devices.size()).append("{\"devices\":[");
        for (int i = 0; i < devices.size(); i++) {
            DiscoveredDevice device = devices.get(i);
            out.append(i == 0 ? "" : ",").append('{');
            field(out, "udn", device.udn()).append(',');
            field(out, "deviceType", device.deviceType()).append(',');
            field(out, "friendlyName", device.friendlyName()).append(',');
            field(out, "manufacturer", device.manufacturer()).append(',');
            field(out, "modelName", device.modelName()).append(',');
            field(out, "location", device.location()).append(',');
            field(out, "server", device.server()).append(',');
            out.append("\"bootId\":").append(device.bootId()).append(',');
            out.append("\"configId\":").append(device.configId()).append(',');
            out.append("\"expiresInSeconds\":").append(device.expiresIn().toSeconds()).append(',');
            out.append("\"followed\":").append(device.followed()).append(',');
            field(out, "problem", device.problem()).append(",\"services\":[");
            for (int j = 0; j < device.services().size(); j++) {
                DiscoveredService service = device.services().get(j);
                out.append(j == 0 ? "" : ",").append('{');
                field(out, "udn", service.udn()).append(',');
                field(out, "serviceType", service.serviceType()).append(',');
                field(out, "serviceId", service.serviceId()).append(',');
                field(out, "eventSubUrl", service.eventSubUrl()).append(',');
                field(out, "subscription", service.subscription().name().toLowerCase(Locale.ROOT))
                        .append('}');
            }
            out.append("]}");
        }
        return out.append("]}").toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
