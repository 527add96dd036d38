package io.tributary.pnp.xml;

import java.util.Locale;

/** Lenient conversions of PnP text values: a value that does not convert counts as absent, never as an error. */
final class Values {

    private Values() {
    }

    static Long longOrNull(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return null;
        }
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static long longOr(String text, long fallback) {
        Long value = longOrNull(text);
        return value == null ? fallback : value;
    }

    static Integer intOrNull(String text) {
        Long value = longOrNull(text);
        return value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : value.intValue();
    }

    /** XML Schema booleans: {@code true}, {@code false}, {@code 1}, {@code 0}; anything else is the fallback. */
    static boolean bool(String text, boolean fallback) {
        Boolean value = boolOrNull(text);
        return value == null ? fallback : value;
    }

    static Boolean boolOrNull(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
