package io.tributary.upnp.ssdp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.tributary.upnp.description.DeviceDescription;
import io.tributary.upnp.description.ServiceDescription;
import io.tributary.upnp.description.UpnpTypes;
import io.tributary.upnp.http.UpnpHttp;

/**
 * The SSDP messages of one root device (UDA 2.0 §1.2, §1.3.3): its 3 + k notifications (root device, UDN, device
 * type, each distinct service type; the gateway has no embedded devices) as ssdp:alive, ssdp:byebye and ssdp:update,
 * and the search responses chosen by ST with the version rule, each carrying the searched ST.
 */
final class Announcements {

    /** One notification: a notification type and its unique service name. */
    record Notification(String nt, String usn) {
    }

    private final String udn;
    private final String deviceType;
    private final List<String> serviceTypes;
    private final long maxAgeSeconds;
    private final List<Notification> notifications = new ArrayList<>();

    /**
     * @param device the root device
     * @param maxAgeSeconds the CACHE-CONTROL max-age
     */
    Announcements(DeviceDescription device, long maxAgeSeconds) {
        this.udn = device.udn();
        this.deviceType = device.deviceType();
        this.maxAgeSeconds = maxAgeSeconds;
        Set<String> types = new LinkedHashSet<>();
        device.services().stream().map(ServiceDescription::serviceType).forEach(types::add);
        this.serviceTypes = List.copyOf(types);
        notifications.add(new Notification(SsdpHeaders.ROOT_DEVICE, udn + "::" + SsdpHeaders.ROOT_DEVICE));
        notifications.add(new Notification(udn, udn));
        notifications.add(new Notification(deviceType, udn + "::" + deviceType));
        serviceTypes.forEach(type -> notifications.add(new Notification(type, udn + "::" + type)));
    }

    /** @return the device's UDN */
    String udn() {
        return udn;
    }

    /** @return the notifications in the order they are sent */
    List<Notification> notifications() {
        return notifications;
    }

    /**
     * The answers to a search (UDA 2.0 §1.3.2): every notification for {@code ssdp:all}; the root device for
     * {@code upnp:rootdevice}; the UDN for itself; the device type or a service type for a search of that type in
     * the same or an earlier version, answered with the searched ST; nothing else.
     *
     * @param st the search target
     * @return the notifications to answer with, ST and USN as the responses carry them
     */
    List<Notification> answers(String st) {
        if (SsdpHeaders.ALL.equals(st)) {
            return notifications;
        }
        if (SsdpHeaders.ROOT_DEVICE.equals(st)) {
            return List.of(notifications.get(0));
        }
        if (st.equalsIgnoreCase(udn)) {
            return List.of(notifications.get(1));
        }
        if (UpnpTypes.isDeviceType(st) && UpnpTypes.satisfies(st, deviceType)) {
            return List.of(new Notification(st, udn + "::" + st));
        }
        if (UpnpTypes.isServiceType(st) && serviceTypes.stream().anyMatch(type -> UpnpTypes.satisfies(st, type))) {
            return List.of(new Notification(st, udn + "::" + st));
        }
        return List.of();
    }

    SsdpMessage alive(Notification notification, String host, String location, long bootId, long configId) {
        return SsdpMessage.builder(SsdpMessage.NOTIFY)
                .header(SsdpHeaders.HOST, host)
                .header(SsdpHeaders.CACHE_CONTROL, "max-age=" + maxAgeSeconds)
                .header(SsdpHeaders.LOCATION, location)
                .header(SsdpHeaders.NT, notification.nt())
                .header(SsdpHeaders.NTS, SsdpHeaders.ALIVE)
                .header(SsdpHeaders.SERVER, UpnpHttp.SERVER)
                .header(SsdpHeaders.USN, notification.usn())
                .header(SsdpHeaders.BOOTID, Long.toString(bootId))
                .header(SsdpHeaders.CONFIGID, Long.toString(configId))
                .build();
    }

    SsdpMessage byebye(Notification notification, String host, long bootId, long configId) {
        return SsdpMessage.builder(SsdpMessage.NOTIFY)
                .header(SsdpHeaders.HOST, host)
                .header(SsdpHeaders.NT, notification.nt())
                .header(SsdpHeaders.NTS, SsdpHeaders.BYEBYE)
                .header(SsdpHeaders.USN, notification.usn())
                .header(SsdpHeaders.BOOTID, Long.toString(bootId))
                .header(SsdpHeaders.CONFIGID, Long.toString(configId))
                .build();
    }

    SsdpMessage update(Notification notification, String host, String location, long bootId, long nextBootId,
                       long configId) {
        return SsdpMessage.builder(SsdpMessage.NOTIFY)
                .header(SsdpHeaders.HOST, host)
                .header(SsdpHeaders.LOCATION, location)
                .header(SsdpHeaders.NT, notification.nt())
                .header(SsdpHeaders.NTS, SsdpHeaders.UPDATE)
                .header(SsdpHeaders.USN, notification.usn())
                .header(SsdpHeaders.BOOTID, Long.toString(bootId))
                .header(SsdpHeaders.CONFIGID, Long.toString(configId))
                .header(SsdpHeaders.NEXTBOOTID, Long.toString(nextBootId))
                .build();
    }

    SsdpMessage response(Notification answer, String location, long bootId, long configId) {
        return SsdpMessage.builder(SsdpMessage.OK)
                .header(SsdpHeaders.CACHE_CONTROL, "max-age=" + maxAgeSeconds)
                .header(SsdpHeaders.DATE, UpnpHttp.date())
                .header(SsdpHeaders.EXT, "")
                .header(SsdpHeaders.LOCATION, location)
                .header(SsdpHeaders.SERVER, UpnpHttp.SERVER)
                .header(SsdpHeaders.ST, answer.nt())
                .header(SsdpHeaders.USN, answer.usn())
                .header(SsdpHeaders.BOOTID, Long.toString(bootId))
                .header(SsdpHeaders.CONFIGID, Long.toString(configId))
                .build();
    }
}
