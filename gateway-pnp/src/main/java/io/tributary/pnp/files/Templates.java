package io.tributary.pnp.files;

import java.util.Map;

/**
 * Renders per-device configuration templates: {@code ${name}} is replaced by the variable's value and
 * {@code $$} by a single {@code $}; any other {@code $} is kept. A variable the map does not hold is an error, so
 * a typo never reaches a device as literal text.
 */
public final class Templates {

    private Templates() {
    }

    /**
     * @param template the template text
     * @param variables values by name
     * @return the rendered text
     * @throws IllegalArgumentException naming the first unknown or unterminated variable
     */
    public static String render(String template, Map<String, String> variables) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                int end = template.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ${ at offset " + i);
                }
                String name = template.substring(i + 2, end).trim();
                String value = variables.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("unknown variable ${" + name + "}");
                }
                out.append(value);
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
