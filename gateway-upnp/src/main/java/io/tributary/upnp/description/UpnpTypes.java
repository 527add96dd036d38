package io.tributary.upnp.description;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of UPnP names (UDA 2.0 §1.1.4, §2.3, §2.5): UDNs ({@code uuid:} and an RFC 4122 UUID), device and
 * service types ({@code urn:domain:device:Type:v}, the domain with {@code .} replaced by {@code -}), service
 * identifiers ({@code urn:domain:serviceId:Id}), and the version rule of discovery: a search for version n is
 * answered by a type of the same name with version n or later.
 */
public final class UpnpTypes {

    private static final Pattern TYPE = Pattern.compile("urn:([A-Za-z0-9.-]{1,64}):(device|service):"
            + "([A-Za-z0-9_-]{1,64}):([1-9][0-9]{0,8})");
    private static final Pattern UDN = Pattern.compile("uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SERVICE_ID = Pattern.compile("urn:[A-Za-z0-9.-]{1,64}:serviceId:[A-Za-z0-9_.-]{1,64}");

    private UpnpTypes() {
    }

    /**
     * @param udn a unique device name
     * @return whether it is {@code uuid:} followed by a UUID in its 8-4-4-4-12 hex digit form
     */
    public static boolean isUdn(String udn) {
        return udn != null && UDN.matcher(udn).matches();
    }

    /**
     * @param type a device type
     * @return whether it is {@code urn:domain:device:Type:version}
     */
    public static boolean isDeviceType(String type) {
        return isType(type, "device");
    }

    /**
     * @param type a service type
     * @return whether it is {@code urn:domain:service:Type:version}
     */
    public static boolean isServiceType(String type) {
        return isType(type, "service");
    }

    private static boolean isType(String type, String kind) {
        Matcher matcher = type == null ? null : TYPE.matcher(type);
        return matcher != null && matcher.matches() && matcher.group(2).equals(kind);
    }

    /**
     * @param id a service identifier
     * @return whether it is {@code urn:domain:serviceId:Id}
     */
    public static boolean isServiceId(String id) {
        return id != null && SERVICE_ID.matcher(id).matches();
    }

    /**
     * The version rule of UDA 2.0 §1.3.2: a search for a type is answered by a type of the same domain, kind and
     * name whose version is the same or later.
     *
     * @param searched the searched type, e.g. {@code urn:schemas-upnp-org:service:SwitchPower:1}
     * @param offered the type a device has, e.g. {@code urn:schemas-upnp-org:service:SwitchPower:2}
     * @return whether the offered type satisfies the search
     */
    public static boolean satisfies(String searched, String offered) {
        Matcher wanted = TYPE.matcher(searched);
        Matcher have = TYPE.matcher(offered);
        if (!wanted.matches() || !have.matches()) {
            return searched.equals(offered);
        }
        return wanted.group(1).equalsIgnoreCase(have.group(1)) && wanted.group(2).equals(have.group(2))
                && wanted.group(3).equals(have.group(3))
                && Long.parseLong(have.group(4)) >= Long.parseLong(wanted.group(4));
    }

    /**
     * @param urn a type or service identifier
     * @return the part after the last {@code :} that is not a version: {@code RenderingControl} for
     *         {@code urn:upnp-org:serviceId:RenderingControl} and for {@code urn:…:service:RenderingControl:1}
     */
    public static String shortName(String urn) {
        Matcher type = TYPE.matcher(urn);
        if (type.matches()) {
            return type.group(3);
        }
        return urn.substring(urn.lastIndexOf(':') + 1);
    }
}
