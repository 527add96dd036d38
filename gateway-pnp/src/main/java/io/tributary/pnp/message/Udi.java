package io.tributary.pnp.message;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Unique Device Identifier, {@code PID:<product>,VID:<version>,SN:<serial>}. PIDs may hold {@code /} and
 * {@code -} ({@code CISCO2921/K9}) and the VID may be empty; the serial must be 1 to 64 letters, digits, {@code .},
 * {@code _} or {@code -}, because it names the device in topics and URLs.
 *
 * @param pid product id, possibly empty
 * @param vid version id, possibly empty
 * @param serial serial number, never empty
 */
public record Udi(String pid, String vid, String serial) {

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Checks the serial. */
    public Udi {
        pid = pid == null ? "" : pid;
        vid = vid == null ? "" : vid;
        if (serial == null || !SERIAL.matcher(serial).matches()) {
            throw new IllegalArgumentException("UDI serial '" + serial + "' is not 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    /**
     * Parses a UDI leniently: parts in any order, keys in any case, blanks around parts ignored.
     *
     * @param text e.g. {@code PID:7206VXR,VID:,SN:34835437}
     * @return the UDI
     * @throws IllegalArgumentException when there is no valid serial
     */
    public static Udi parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("UDI missing");
        }
        String pid = "";
        String vid = "";
        String serial = null;
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = part.substring(0, colon).trim().toUpperCase(Locale.ROOT);
            String value = part.substring(colon + 1).trim();
            switch (key) {
                case "PID" -> pid = value;
                case "VID" -> vid = value;
                case "SN" -> serial = value;
                default -> {
                    // other keys are not part of the UDI; ignore them as agents may add some
                }
            }
        }
        if (serial == null) {
            throw new IllegalArgumentException("UDI '" + text + "' has no SN part");
        }
        return new Udi(pid, vid, serial);
    }

    /** @return the UDI as agents write it, {@code PID:…,VID:…,SN:…} */
    @Override
    public String toString() {
        return "PID:" + pid + ",VID:" + vid + ",SN:" + serial;
    }
}
