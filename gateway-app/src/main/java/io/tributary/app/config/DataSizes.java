package io.tributary.app.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses configuration sizes: a byte count, or a number with {@code B}, {@code KiB}, {@code MiB} or {@code GiB}. */
final class DataSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kib|kb|k|mib|mb|m|gib|gb|g)?");

    private DataSizes() {
    }

    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (use e.g. 65536, 64KiB, 1MiB)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        switch (unit.charAt(0)) {
            case 'k':
                return Math.multiplyExact(amount, 1024L);
            case 'm':
                return Math.multiplyExact(amount, 1024L * 1024);
            case 'g':
                return Math.multiplyExact(amount, 1024L * 1024 * 1024);
            default:
                return amount;
        }
    }
}
