package io.tributary.upnp.event;

/**
 * XML name rules (XML 1.0 fifth edition §2.3 and Namespaces in XML §3, NCName) used for state variable names, and
 * the mapping of router topics to state variable names.
 */
public final class XmlNames {

    private XmlNames() {
    }

    /**
     * Tests whether a string is a non-colonised XML name, the form a state variable element name must have.
     *
     * @param name the candidate
     * @return whether it is a non-empty NCName
     */
    public static boolean isNcName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        int first = name.codePointAt(0);
        if (!isNameStart(first)) {
            return false;
        }
        for (int i = Character.charCount(first); i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!isNameChar(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * Maps a topic to a state variable name: each {@code /} becomes {@code .}, every other character that may not
     * appear in an XML NCName (including {@code :}) becomes {@code _}, and if the first character may not start a
     * name (a digit, {@code -} or {@code .}) a {@code _} is put in front. So {@code demo/temp} becomes
     * {@code demo.temp}, {@code coap/room 1/t°} becomes {@code coap.room_1.t_} and {@code 1wire/t} becomes
     * {@code _1wire.t}.
     *
     * @param topic a router topic, e.g. {@code demo/temp}
     * @return the variable name, always a valid NCName
     */
    public static String fromTopic(String topic) {
        StringBuilder name = new StringBuilder(topic.length() + 1);
        for (int i = 0; i < topic.length(); ) {
            int cp = topic.codePointAt(i);
            if (cp == '/') {
                name.append('.');
            } else if (isNameChar(cp)) {
                name.appendCodePoint(cp);
            } else {
                name.append('_');
            }
            i += Character.charCount(cp);
        }
        if (name.length() == 0 || !isNameStart(name.codePointAt(0))) {
            name.insert(0, '_');
        }
        return name.toString();
    }

    /**
     * Replaces characters that XML 1.0 cannot carry at all (most C0 controls, unpaired surrogates, U+FFFE, U+FFFF)
     * by U+FFFD, so that any text can be written as a variable value.
     *
     * @param text the text
     * @return the text, unchanged when it is already valid
     */
    public static String xmlSafeText(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!isXmlChar(c) || Character.isSurrogate(c)) {
                return replaceInvalid(text);
            }
        }
        return text;
    }

    private static String replaceInvalid(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean unpaired = Character.charCount(cp) == 1 && Character.isSurrogate((char) cp);
            out.appendCodePoint(unpaired || !isXmlCodePoint(cp) ? 0xFFFD : cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static boolean isXmlChar(char c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xFFFD);
    }

    private static boolean isXmlCodePoint(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    private static boolean isNameStart(int cp) {
        return (cp >= 'A' && cp <= 'Z') || cp == '_' || (cp >= 'a' && cp <= 'z')
                || (cp >= 0xC0 && cp <= 0xD6) || (cp >= 0xD8 && cp <= 0xF6) || (cp >= 0xF8 && cp <= 0x2FF)
                || (cp >= 0x370 && cp <= 0x37D) || (cp >= 0x37F && cp <= 0x1FFF) || (cp >= 0x200C && cp <= 0x200D)
                || (cp >= 0x2070 && cp <= 0x218F) || (cp >= 0x2C00 && cp <= 0x2FEF) || (cp >= 0x3001 && cp <= 0xD7FF)
                || (cp >= 0xF900 && cp <= 0xFDCF) || (cp >= 0xFDF0 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0xEFFFF);
    }

    private static boolean isNameChar(int cp) {
        return isNameStart(cp) || cp == '-' || cp == '.' || (cp >= '0' && cp <= '9') || cp == 0xB7
                || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x203F && cp <= 0x2040);
    }
}
