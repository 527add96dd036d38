package io.tributary.app.config;

import java.util.List;
import java.util.Locale;

import io.tributary.core.config.ListType;
import io.tributary.core.config.MapType;
import io.tributary.core.config.ScalarType;
import io.tributary.core.config.Section;
import io.tributary.core.config.SectionType;
import io.tributary.core.config.Setting;
import io.tributary.core.config.ValueType;

/**
 * Writes the configuration reference ({@code docs/configuration.md}) from the settings' definitions: for each
 * section a table of its keys with type and range, default, environment variable and description, then the whole
 * default document. A test regenerates it and fails when the checked-in page differs.
 */
public final class ConfigurationReference {

    private ConfigurationReference() {
    }

    /**
     * @param root the root section
     * @return the Markdown page
     */
    public static String markdown(Section root) {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n");
        out.append("<!-- Generated from the settings' definitions by ConfigurationReferenceTest; do not edit. Run\n");
        out.append("     `mvn -pl gateway-app test -Dtest=ConfigurationReferenceTest -Dtributary.docs.update=true`"
                + " after changing a definition. -->\n\n");
        out.append("Every key below is declared once, next to the code that uses it, with its type, range, default and"
                + " description. The gateway reads the defaults, then your YAML file (`--config`), then `TRIBUTARY_*`"
                + " environment variables; `tributary check-config FILE` reports every problem at once, each with its"
                + " file, line and key, and `tributary defaults` prints the document at the end of this page.\n\n");
        out.append("Durations take `ms`, `s`, `m`, `h`, `d` or ISO-8601 (`PT30S`); sizes a byte count or `KiB`, `MiB`,"
                + " `GiB`. An environment variable is `TRIBUTARY_` and the key path upper-cased, with `.`, `-` and"
                + " list indexes written with `_` (`coap.polls[0].interval` is `TRIBUTARY_COAP_POLLS_0_INTERVAL`); a"
                + " list or section value is YAML flow (`[a, b]`, `{k: v}`).\n");
        for (Setting<?> setting : root.settings()) {
            Section section = ((SectionType) setting.type()).section();
            out.append("\n## `").append(setting.key()).append("`\n\n").append(section.doc()).append("\n\n");
            out.append("| key | type | default | environment | description |\n|---|---|---|---|---|\n");
            rows(section, setting.key(), out);
            lists(section, setting.key(), out);
        }
        out.append("\n## The default document\n\n```yaml\n").append(DefaultsDocument.render(root)).append("```\n");
        return out.toString();
    }

    private static void rows(Section section, String path, StringBuilder out) {
        for (Setting<?> setting : section.settings()) {
            if (setting.isInline()) {
                rows(((SectionType) setting.type()).section(), path, out);
                continue;
            }
            String key = path + "." + setting.key();
            if (setting.type() instanceof SectionType nested) {
                rows(nested.section(), key, out);
                continue;
            }
            out.append("| `").append(key).append("` | ").append(type(setting.type())).append(" | ")
                    .append(defaultOf(setting)).append(" | `").append(variable(key)).append("` | ")
                    .append(summary(setting.doc())).append(" |\n");
        }
    }

    private static String summary(String doc) {
        String[] lines = doc.split("\n");
        return lines[0].replace("|", "\\|") + (lines.length > 1 ? " (see the default document)" : "");
    }

    private static void lists(Section section, String path, StringBuilder out) {
        for (Setting<?> setting : section.settings()) {
            String key = setting.isInline() ? path : path + "." + setting.key();
            if (setting.type() instanceof SectionType nested) {
                lists(nested.section(), key, out);
            } else if (setting.type() instanceof ListType<?> list && list.element() instanceof SectionType item) {
                out.append("\nEach entry of `").append(key).append("`: ").append(item.section().doc())
                        .append("\n\n| key | type | default | description |\n|---|---|---|---|\n");
                for (Setting<?> field : item.section().settings()) {
                    out.append("| `").append(field.key()).append("` | ").append(type(field.type())).append(" | ")
                            .append(defaultOf(field)).append(" | ")
                            .append(summary(field.doc())).append(" |\n");
                }
                lists(item.section(), key + "[*]", out);
            }
        }
    }

    private static String type(ValueType<?> type) {
        String text = type instanceof ScalarType<?> scalar && scalar.unit() != null
                ? type.describe() + " (" + scalar.unit() + ")" : type.describe();
        return text.replace("|", "\\|");
    }

    private static String defaultOf(Setting<?> setting) {
        return switch (setting.presence()) {
            case REQUIRED -> "required";
            case OPTIONAL -> "unset";
            default -> {
                Object value = setting.defaultValue();
                String text = DefaultsDocument.flow(setting.type(), value);
                yield value instanceof List<?> || setting.type() instanceof MapType<?> || text.length() < 40
                        ? "`" + text.replace("|", "\\|") + "`" : "see below";
            }
        };
    }

    private static String variable(String key) {
        return "TRIBUTARY_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
