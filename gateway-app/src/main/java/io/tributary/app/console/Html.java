package io.tributary.app.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small pieces of HTML for the console's fragments; every value from outside is escaped. */
final class Html {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** @return the text with {@code & < > " '} escaped, or an empty string for {@code null} */
    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                case '\n', '\r' -> escaped.append(' ');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** @return a table cell with the escaped value */
    static String cell(Object value) {
        return "<td>" + escape(value) + "</td>";
    }

    /** @return the instant as {@code yyyy-MM-dd HH:mm:ss'Z'}, or empty for 0 */
    static String time(long epochMillis) {
        return epochMillis <= 0 ? "" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** @return a row spanning the table with a note, for empty tables */
    static String empty(int columns, String note) {
        return "<tr class=\"empty\"><td colspan=\"" + columns + "\">" + escape(note) + "</td></tr>";
    }
}
