package io.tributary.pnp.message;

import java.util.Locale;
import java.util.Objects;

/**
 * Ask for inventory ({@code deviceInfo@type}).
 *
 * @param type which part of the inventory
 */
public record DeviceInfoRequest(Type type) implements ServiceRequest {

    /** Checks the type. */
    public DeviceInfoRequest {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public Service service() {
        return Service.DEVICE_INFO;
    }

    /** Which inventory to return. */
    public enum Type {
        /** Running image. */
        IMAGE,
        /** Hardware. */
        HARDWARE,
        /** File systems. */
        FILESYSTEM,
        /** UDIs of chassis, stack members and standby units. */
        UDI,
        /** PnP profiles. */
        PROFILE,
        /** Everything. */
        ALL;

        /** @return the attribute value, e.g. {@code filesystem} */
        public String xml() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param text an attribute value, case-insensitive
         * @return the type, {@link #ALL} when unknown
         */
        public static Type fromXml(String text) {
            for (Type type : values()) {
                if (type.xml().equalsIgnoreCase(text)) {
                    return type;
                }
            }
            return ALL;
        }
    }
}
