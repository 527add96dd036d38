package io.tributary.nats;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;

/**
 * Maps topics to NATS subjects and back, as nats-server's own MQTT gateway does: {@code a/b/c} ↔
 * {@code <prefix>.a.b.c}, filter {@code +} ↔ {@code *}, {@code #} ↔ {@code >}, and {@code a/#} (which also matches
 * {@code a}) ↔ the two subjects {@code <prefix>.a.>} and {@code <prefix>.a}.
 *
 * <p>A segment keeps letters, digits, {@code -} and {@code _}; every other character is escaped as {@code =HH}
 * for each byte of its UTF-8 form, upper-case hex: {@code demo.temp} → {@code demo=2Etemp},
 * {@code living room} → {@code living=20room}, {@code *} → {@code =2A}, {@code =} → {@code =3D},
 * {@code café} → {@code caf=C3=A9}. So a subject never holds a separator, a wildcard, a space or a control
 * character from a topic, and every subject is also a valid JetStream key ({@code [-/_=.a-zA-Z0-9]+}). Topics have
 * no empty segments ({@link Topic#of} refuses them), so no empty token is ever produced. Decoding accepts only this
 * canonical form, so the mapping is one-to-one both ways; a subject outside it, or a topic holding an unpaired
 * surrogate, is refused with an {@link IllegalArgumentException}.
 */
public final class SubjectMapping {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final char ESCAPE = '=';
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String prefix;
    private final String dotted;

    private SubjectMapping(String prefix) {
        this.prefix = prefix;
        this.dotted = prefix + '.';
    }

    /**
     * @param prefix subject tokens of letters, digits, {@code -} and {@code _} joined by {@code .}, e.g.
     *               {@code tributary}
     * @return the mapping under that prefix
     */
    public static SubjectMapping of(String prefix) {
        if (!isPrefix(prefix)) {
            throw new IllegalArgumentException("subject prefix '" + prefix + "': tokens of letters, digits, '-' and"
                    + " '_' joined by '.'");
        }
        return new SubjectMapping(prefix);
    }

    /**
     * @param prefix a candidate prefix
     * @return whether it is tokens of letters, digits, {@code -} and {@code _} joined by {@code .}
     */
    public static boolean isPrefix(String prefix) {
        return prefix != null && PREFIX.matcher(prefix).matches();
    }

    /** @return the prefix, e.g. {@code tributary} */
    public String prefix() {
        return prefix;
    }

    /** @return the mapping of request subjects: the same rules under {@code <prefix>-request} */
    public SubjectMapping forRequests() {
        return new SubjectMapping(prefix + "-request");
    }

    /**
     * @param topic a topic
     * @return its subject, e.g. {@code tributary.a.b.c} for {@code a/b/c}
     * @throws IllegalArgumentException if a segment holds an unpaired surrogate (no UTF-8 form)
     */
    public String subject(Topic topic) {
        StringBuilder subject = new StringBuilder(prefix.length() + 8 * topic.size()).append(prefix);
        for (int i = 0; i < topic.size(); i++) {
            escape(topic.segment(i), subject.append('.'));
        }
        return subject.toString();
    }

    /**
     * @param filter a topic filter
     * @return the subjects to subscribe to: one, or two for a filter ending in {@code /#} (the rest, and the parent)
     */
    public List<String> subjects(TopicFilter filter) {
        StringBuilder subject = new StringBuilder(prefix);
        List<String> segments = filter.segments();
        for (String segment : segments) {
            subject.append('.');
            if (segment.equals(TopicFilter.ONE)) {
                subject.append('*');
            } else if (segment.equals(TopicFilter.REST)) {
                subject.append('>');
            } else {
                escape(segment, subject);
            }
        }
        String mapped = subject.toString();
        if (segments.size() > 1 && segments.get(segments.size() - 1).equals(TopicFilter.REST)) {
            return List.of(mapped, mapped.substring(0, mapped.length() - 2));
        }
        return List.of(mapped);
    }

    /**
     * @param subject a subject under this prefix in the canonical form
     * @return its topic
     * @throws IllegalArgumentException naming what is wrong: another prefix, an empty token, a wildcard, a
     *                                  character outside the form, a non-canonical or non-UTF-8 escape
     */
    public Topic topic(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (!subject.startsWith(dotted) || subject.length() == dotted.length()) {
            throw new IllegalArgumentException("subject '" + subject + "' is not under '" + dotted + "'");
        }
        StringBuilder topic = new StringBuilder(subject.length() - dotted.length());
        int start = dotted.length();
        while (start <= subject.length()) {
            int end = subject.indexOf('.', start);
            if (end < 0) {
                end = subject.length();
            }
            if (topic.length() > 0) {
                topic.append('/');
            }
            topic.append(unescape(subject, start, end));
            start = end + 1;
        }
        return Topic.of(topic.toString());
    }

    private static void escape(String segment, StringBuilder out) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (plain(c)) {
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < segment.length() ? i + 2 : i + 1;
            for (byte b : utf8(segment, i, end)) {
                out.append(ESCAPE).append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
    }

    private static byte[] utf8(String segment, int start, int end) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(segment, start, end));
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            return array;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("topic segment '" + segment + "' holds an unpaired surrogate at "
                    + start + " (no UTF-8 form)");
        }
    }

    private static String unescape(String subject, int start, int end) {
        if (start == end) {
            throw new IllegalArgumentException("subject '" + subject + "' has an empty token");
        }
        StringBuilder segment = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            char c = subject.charAt(i);
            if (plain(c)) {
                segment.append(c);
                i++;
                continue;
            }
            if (c != ESCAPE) {
                throw new IllegalArgumentException("subject '" + subject + "': '" + c + "' at " + i
                        + " is neither a letter, digit, '-', '_' nor an =HH escape");
            }
            int run = i;
            while (run < end && subject.charAt(run) == ESCAPE) {
                run += 3;
            }
            segment.append(decode(subject, i, run, end));
            i = run;
        }
        String text = segment.toString();
        if (text.indexOf('/') >= 0 || text.equals(TopicFilter.ONE) || text.equals(TopicFilter.REST)
                || text.indexOf('+') >= 0 || text.indexOf('#') >= 0) {
            throw new IllegalArgumentException("subject '" + subject + "': escaped token '" + text
                    + "' holds '/', '+' or '#'");
        }
        return text;
    }

    private static String decode(String subject, int start, int run, int end) {
        if (run > end) {
            throw new IllegalArgumentException("subject '" + subject + "': escape cut short at " + (run - 3));
        }
        byte[] bytes = new byte[(run - start) / 3];
        for (int k = 0; k < bytes.length; k++) {
            int at = start + 3 * k;
            int high = hex(subject.charAt(at + 1));
            int low = hex(subject.charAt(at + 2));
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("subject '" + subject + "': '" + subject.substring(at, at + 3)
                        + "' at " + at + " is not =HH with upper-case hex");
            }
            bytes[k] = (byte) (high << 4 | low);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("subject '" + subject + "': escapes at " + start
                    + " are not UTF-8");
        }
        for (int k = 0; k < text.length(); k++) {
            if (plain(text.charAt(k))) {
                throw new IllegalArgumentException("subject '" + subject + "': '" + text.charAt(k)
                        + "' is escaped but needs no escape (not the canonical form)");
            }
        }
        return text;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static boolean plain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    @Override
    public String toString() {
        return "SubjectMapping[" + prefix + "]";
    }
}
