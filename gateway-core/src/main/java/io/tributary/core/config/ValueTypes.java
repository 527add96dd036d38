package io.tributary.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The value types settings are declared with. Durations are written {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30S}); sizes as a byte count or with {@code KiB}, {@code MiB},
 * {@code GiB}; choices in kebab case ({@code drop-oldest} for {@code DROP_OLDEST}).
 */
public final class ValueTypes {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kib|kb|k|mib|mb|m|gib|gb|g)?");
    private static final long KIB = 1024;

    private ValueTypes() {
    }

    /** @return a whole number that fits in an {@code int} */
    public static ScalarType<Integer> integer() {
        return new ScalarType<>("whole number", Integer.class, text -> {
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a whole number");
            }
        }, String::valueOf);
    }

    /** @return a TCP or UDP port, 0 to 65535 (0: any free port) */
    public static ScalarType<Integer> port() {
        return integer().range(0, 65535);
    }

    /** @return a decimal number */
    public static ScalarType<Double> real() {
        return new ScalarType<>("number", Double.class, text -> {
            try {
                double value = Double.parseDouble(text);
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number");
            }
        }, String::valueOf);
    }

    /** @return {@code true} or {@code false} */
    public static ScalarType<Boolean> bool() {
        return new ScalarType<>("boolean", Boolean.class, text -> {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.valueOf(text);
            }
            throw new IllegalArgumentException("'" + text + "' is not a boolean (true or false)");
        }, String::valueOf);
    }

    /** @return any text */
    public static ScalarType<String> text() {
        return new ScalarType<>("text", String.class, Function.identity(), Function.identity());
    }

    /** @return text that is not empty or blank */
    public static ScalarType<String> nonBlankText() {
        return text().require(text -> !text.isBlank(), "not empty");
    }

    /** @return a URI */
    public static ScalarType<URI> uri() {
        return new ScalarType<>("URI", URI.class, text -> {
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + text + "' is not a URI: " + e.getReason());
            }
        }, URI::toString);
    }

    /** @return a duration, e.g. {@code 30s} */
    public static ScalarType<Duration> duration() {
        return new ScalarType<>("duration", Duration.class, ValueTypes::parseDuration, ValueTypes::formatDuration);
    }

    /** @return a duration longer than zero */
    public static ScalarType<Duration> positiveDuration() {
        return duration().require(d -> !d.isNegative() && !d.isZero(), "positive");
    }

    /** @return a duration of zero or more */
    public static ScalarType<Duration> nonNegativeDuration() {
        return duration().require(d -> !d.isNegative(), "zero or positive");
    }

    /** @return a size in bytes that fits in an {@code int}, e.g. {@code 64KiB} */
    public static ScalarType<Integer> size() {
        return new ScalarType<>("size", Integer.class, text -> {
            long bytes = parseSize(text);
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'" + text + "' is too large a size (at most 2GiB - 1)");
            }
            return (int) bytes;
        }, ValueTypes::formatSize).unit("bytes");
    }

    /**
     * @param type an enum
     * @param <E> the enum type
     * @return one of its constants, written in kebab case
     */
    public static <E extends Enum<E>> ScalarType<E> choice(Class<E> type) {
        return new ScalarType<>("choice", type, text -> {
            String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(wanted)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a valid choice (one of " + choices(type) + ")");
        }, ValueTypes::kebab).require(constant -> true, "one of " + choices(type));
    }

    /**
     * A scalar of a type of the caller's: parsed by a function that throws {@link IllegalArgumentException}
     * for bad text.
     *
     * @param name what the value is, e.g. {@code CIDR network}
     * @param javaType its Java type
     * @param parser text to value
     * @param formatter value to text, the inverse of the parser
     * @param <T> the Java type
     * @return the type
     */
    public static <T> ScalarType<T> scalar(String name, Class<T> javaType, Function<String, T> parser,
                                           Function<T, String> formatter) {
        return new ScalarType<>(name, javaType, parser, formatter);
    }

    /**
     * @param element the type of each element
     * @param <E> the element type
     * @return a list of such elements
     */
    public static <E> ListType<E> listOf(ValueType<E> element) {
        return new ListType<>(element);
    }

    /**
     * @param value the type of each value
     * @param <V> the value type
     * @return a map from names to such values
     */
    public static <V> MapType<V> mapOf(ValueType<V> value) {
        return new MapType<>(value);
    }

    /**
     * @param section the nested section
     * @return a section-valued type
     */
    public static SectionType section(Section section) {
        return new SectionType(section);
    }

    /**
     * @param constant an enum constant
     * @return its name in kebab case, e.g. {@code drop-oldest}
     */
    public static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param type an enum
     * @return its constants in kebab case, comma-separated
     */
    public static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(ValueTypes::kebab).collect(Collectors.joining(", "));
    }

    /**
     * @param text e.g. {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or {@code PT30S}
     * @return the duration
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Duration parseDuration(String text) {
        String trimmed = text.trim();
        Matcher matcher = DURATION.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 500ms, 30s, 5m, 2h, 1d)");
        }
    }

    /**
     * @param duration a duration
     * @return it in the largest whole unit that {@link #parseDuration(String)} reads, ISO-8601 otherwise
     */
    public static String formatDuration(Duration duration) {
        if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis != 0 && millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis == 0 ? "0s" : millis + "ms";
    }

    /**
     * @param text a byte count, or a number with {@code KiB}, {@code MiB} or {@code GiB}
     * @return the size in bytes
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static long parseSize(String text) {
        Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (use e.g. 65536, 64KiB, 1MiB)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        try {
            return switch (unit.charAt(0)) {
                case 'k' -> Math.multiplyExact(amount, KIB);
                case 'm' -> Math.multiplyExact(amount, KIB * KIB);
                case 'g' -> Math.multiplyExact(amount, KIB * KIB * KIB);
                default -> amount;
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
    }

    /**
     * @param bytes a size in bytes
     * @return it in the largest whole binary unit, e.g. {@code 4MiB}, or a byte count
     */
    public static String formatSize(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        long[] sizes = {KIB * KIB * KIB, KIB * KIB, KIB};
        for (int i = 0; i < sizes.length; i++) {
            if (bytes != 0 && bytes % sizes[i] == 0) {
                return bytes / sizes[i] + units[i];
            }
        }
        return String.valueOf(bytes);
    }

    private static String formatSize(Integer bytes) {
        return formatSize(bytes.longValue());
    }
}
