package io.tributary.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import io.tributary.core.config.ListType;
import io.tributary.core.config.MapType;
import io.tributary.core.config.ScalarType;
import io.tributary.core.config.Section;
import io.tributary.core.config.SectionType;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueType;

/**
 * Writes the documented default configuration, generated from the settings' definitions: every key with its
 * default and its description as a comment, sections nested as they are read. The output is valid YAML that
 * {@link ConfigLoader} reads back to the defaults (a test checks both).
 */
public final class DefaultsDocument {

    private static final int WIDTH = 110;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./:-]*");
    private static final List<String> RESERVED = List.of("true", "false", "null", "yes", "no", "on", "off", "~");

    private DefaultsDocument() {
    }

    /**
     * @param root the root section
     * @return the YAML text of its defaults
     */
    public static String render(Section root) {
        StringBuilder out = new StringBuilder();
        out.append("# Tributary default configuration, generated from the settings' definitions (`tributary defaults`).\n");
        out.append("# Write only the keys you change in your own file; every key can also be set by an environment\n");
        out.append("# variable: TRIBUTARY_ + the key path in upper case with '.' and '-' written as '_',\n");
        out.append("# e.g. TRIBUTARY_HTTP_PORT=9090.\n");
        section(root.defaults(), "", out, true);
        return out.toString();
    }

    private static void section(Settings values, String indent, StringBuilder out, boolean top) {
        for (Setting<?> setting : values.section().settings()) {
            Object value = values.get(setting);
            if (setting.isInline()) {
                section((Settings) value, indent, out, false);
                continue;
            }
            if (top) {
                out.append('\n');
            }
            comment(setting.doc(), indent, out);
            if (setting.type() instanceof SectionType) {
                out.append(indent).append(setting.key()).append(":\n");
                section((Settings) value, indent + "  ", out, false);
            } else if (setting.type() instanceof ListType<?> list && list.element() instanceof SectionType
                    && value instanceof List<?> items && !items.isEmpty()) {
                out.append(indent).append(setting.key()).append(":\n");
                for (Object item : items) {
                    out.append(indent).append("  - ").append(flow(list.element(), item)).append('\n');
                }
            } else {
                out.append(indent).append(setting.key()).append(": ").append(flow(setting.type(), value))
                        .append('\n');
            }
        }
    }

    private static void comment(String doc, String indent, StringBuilder out) {
        String[] lines = doc.split("\n");
        for (String line : wrap(lines[0], WIDTH - indent.length() - 2)) {
            out.append(indent).append("# ").append(line).append('\n');
        }
        for (int i = 1; i < lines.length; i++) {
            out.append(indent).append("#   ").append(lines[i]).append('\n');
        }
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /**
     * @param type a value type
     * @param value a value of it, or {@code null}
     * @return the value in YAML flow style
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static String flow(ValueType<?> type, Object value) {
        if (value == null) {
            return "null";
        }
        if (type instanceof ScalarType scalar) {
            String text = scalar.format(value);
            boolean quoted = scalar.name().equals("text") || scalar.name().equals("URI") || !PLAIN.matcher(text)
                    .matches() || RESERVED.contains(text.toLowerCase());
            return quoted && !(value instanceof Number || value instanceof Boolean) ? quote(text) : text;
        }
        if (type instanceof ListType<?> list) {
            StringJoiner items = new StringJoiner(", ", "[", "]");
            for (Object item : (List<?>) value) {
                items.add(flow(list.element(), item));
            }
            return items.toString();
        }
        if (type instanceof MapType<?> map) {
            StringJoiner entries = new StringJoiner(", ", "{", "}");
            for (Map.Entry<String, ?> entry : ((Map<String, ?>) value).entrySet()) {
                entries.add(quoteKey(entry.getKey()) + ": " + flow(map.value(), entry.getValue()));
            }
            return entries.toString();
        }
        Settings settings = (Settings) value;
        StringJoiner entries = new StringJoiner(", ", "{", "}");
        for (Setting<?> setting : settings.section().settings()) {
            Object item = settings.get(setting);
            if (item != null && (setting.presence() != Setting.Presence.DEFAULTED
                    || !item.equals(setting.defaultValue()))) {
                entries.add(setting.key() + ": " + flow(setting.type(), item));
            }
        }
        return entries.toString();
    }

    private static String quoteKey(String key) {
        return PLAIN.matcher(key).matches() ? key : quote(key);
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
