package io.tributary.coap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.tributary.coap.message.CoapMethod;
import io.tributary.coap.message.CoapOptions;

/**
 * An immutable route: a method and a path pattern, optionally the Content-Formats it accepts (else 4.15) and
 * produces (an Accept outside them gets 4.06), whether its handler evaluates If-Match and If-None-Match itself
 * ({@link #conditional()}; otherwise a request carrying them gets 4.02, as these critical options must be applied
 * or refused), and the link attributes {@code /.well-known/core} lists it with (RFC 6690). Path segments are
 * literal, {@code {name}} (one segment, captured), {@code *} (one segment) or a final {@code **} (the rest,
 * possibly nothing).
 */
public final class CoapRoute {

    private static final int[] ANY = new int[0];

    /** What a route declares besides method and pattern; copied on change, never changed once in a route. */
    private static final class Declared {
        int[] consumes = ANY;
        int[] produces = ANY;
        boolean conditional;
        boolean observable;
        List<String> resourceTypes = List.of();
        List<String> interfaces = List.of();
        String title;
        int size = -1;

        Declared copy() {
            Declared copy = new Declared();
            copy.consumes = consumes;
            copy.produces = produces;
            copy.conditional = conditional;
            copy.observable = observable;
            copy.resourceTypes = resourceTypes;
            copy.interfaces = interfaces;
            copy.title = title;
            copy.size = size;
            return copy;
        }
    }

    private final CoapMethod method;
    private final String pattern;
    private final String[] segments;
    private final byte[][] literals;
    private final boolean rest;
    private final boolean variables;
    private final Declared declared;
    private final int[] consumes;
    private final int[] produces;

    private CoapRoute(CoapMethod method, String pattern, Declared declared) {
        this.method = method;
        this.pattern = pattern;
        this.segments = split(pattern);
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equals("**")) {
                throw new IllegalArgumentException("'**' must be the last segment of '" + pattern + "'");
            }
        }
        this.rest = segments.length > 0 && segments[segments.length - 1].equals("**");
        this.literals = new byte[segments.length][];
        boolean anyVariable = false;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (isVariable(segment)) {
                anyVariable = true;
            } else if (!segment.equals("*") && !segment.equals("**")) {
                literals[i] = segment.getBytes(StandardCharsets.UTF_8);
            }
        }
        this.variables = anyVariable;
        this.declared = declared;
        this.consumes = declared.consumes;
        this.produces = declared.produces;
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /**
     * @param method e.g. {@link CoapMethod#GET}
     * @param pattern e.g. {@code /sensors/{id}/temp} or {@code /ps/**}
     * @return a route accepting and producing any Content-Format
     */
    public static CoapRoute of(CoapMethod method, String pattern) {
        return new CoapRoute(Objects.requireNonNull(method, "method"), Objects.requireNonNull(pattern, "pattern"),
                new Declared());
    }

    /**
     * @param pattern path pattern
     * @return a GET route
     */
    public static CoapRoute get(String pattern) {
        return of(CoapMethod.GET, pattern);
    }

    /**
     * @param pattern path pattern
     * @return a POST route
     */
    public static CoapRoute post(String pattern) {
        return of(CoapMethod.POST, pattern);
    }

    /**
     * @param pattern path pattern
     * @return a PUT route
     */
    public static CoapRoute put(String pattern) {
        return of(CoapMethod.PUT, pattern);
    }

    /**
     * @param pattern path pattern
     * @return a DELETE route
     */
    public static CoapRoute delete(String pattern) {
        return of(CoapMethod.DELETE, pattern);
    }

    /**
     * @param formats Content-Formats the request payload may have; a request with another one gets 4.15;
     *                default any
     * @return a new route
     */
    public CoapRoute consumes(ContentFormat... formats) {
        int[] numbers = numbers(formats);
        return with(d -> d.consumes = numbers);
    }

    /**
     * @param formats Content-Formats the handler can produce; a request whose Accept is not among them gets
     *                4.06; default any
     * @return a new route
     */
    public CoapRoute produces(ContentFormat... formats) {
        int[] numbers = numbers(formats);
        return with(d -> d.produces = numbers);
    }

    /**
     * Declares that the handler evaluates If-Match and If-None-Match (RFC 7252 §5.10.8), e.g. with
     * {@link CoapRequest#conditionsMet(byte[])}; without it, a request carrying them gets 4.02.
     *
     * @return a new route
     */
    public CoapRoute conditional() {
        return with(d -> d.conditional = true);
    }

    /**
     * @param types the {@code rt} link attribute (RFC 6690 §3.1), e.g. {@code temperature-c}; default none
     * @return a new route
     */
    public CoapRoute resourceType(String... types) {
        List<String> values = List.of(types);
        return with(d -> d.resourceTypes = values);
    }

    /**
     * @param interfaces the {@code if} link attribute (RFC 6690 §3.2), e.g. {@code sensor}; default none
     * @return a new route
     */
    public CoapRoute interfaceDescription(String... interfaces) {
        List<String> values = List.of(interfaces);
        return with(d -> d.interfaces = values);
    }

    /**
     * @param text the {@code title} link attribute (RFC 6690 §5); default none
     * @return a new route
     */
    public CoapRoute title(String text) {
        Objects.requireNonNull(text, "text");
        return with(d -> d.title = text);
    }

    /**
     * @param bytes the {@code sz} link attribute, the representation's size estimate (RFC 6690 §3.3); default none
     * @return a new route
     */
    public CoapRoute size(int bytes) {
        return with(d -> d.size = bytes);
    }

    /** @return the same route, observable (RFC 7641): listed with {@code obs} */
    CoapRoute observable() {
        return with(d -> d.observable = true);
    }

    private CoapRoute with(Consumer<Declared> change) {
        Declared changed = declared.copy();
        change.accept(changed);
        return new CoapRoute(method, pattern, changed);
    }

    /** @return whether the handler evaluates If-Match and If-None-Match */
    public boolean isConditional() {
        return declared.conditional;
    }

    /** @return whether a GET with Observe registers with this route's resource */
    public boolean isObservable() {
        return declared.observable;
    }

    /** @return the {@code rt} values */
    public List<String> resourceTypes() {
        return declared.resourceTypes;
    }

    /** @return the {@code if} values */
    public List<String> interfaces() {
        return declared.interfaces;
    }

    /** @return the {@code title}, or {@code null} */
    public String title() {
        return declared.title;
    }

    /** @return the {@code sz} estimate, or -1 */
    public int size() {
        return declared.size;
    }

    /** @return the Content-Formats produced, as numbers; empty when any */
    int[] producedFormats() {
        return produces.clone();
    }

    /** @return whether the pattern is a literal path, which {@code /.well-known/core} can list */
    boolean literal() {
        for (String segment : segments) {
            if (segment.equals("*") || segment.equals("**") || isVariable(segment)) {
                return false;
            }
        }
        return true;
    }

    /** @return the literal path, {@code /a/b} or {@code /} */
    String path() {
        return segments.length == 0 ? "/" : "/" + String.join("/", segments);
    }

    private static int[] numbers(ContentFormat[] formats) {
        return Arrays.stream(formats).mapToInt(ContentFormat::number).toArray();
    }

    /** @return the method */
    public CoapMethod method() {
        return method;
    }

    /** @return the path pattern as given */
    public String pattern() {
        return pattern;
    }

    boolean consumesFormat(int contentFormat) {
        return consumes.length == 0 || contains(consumes, contentFormat);
    }

    boolean producesFormat(int accept) {
        return produces.length == 0 || contains(produces, accept);
    }

    private static boolean contains(int[] values, int value) {
        for (int candidate : values) {
            if (candidate == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * Matches the Uri-Path options on their raw bytes, decoding nothing.
     *
     * @param options the request options
     * @param first index of the first Uri-Path option
     * @param count number of Uri-Path options
     */
    boolean matches(CoapOptions options, int first, int count) {
        int fixed = rest ? segments.length - 1 : segments.length;
        if (rest ? count < fixed : count != fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            byte[] literal = literals[i];
            if (literal != null && !Arrays.equals(literal, options.value(first + i))) {
                return false;
            }
        }
        return true;
    }

    /** Decodes the {@code {name}} segments of a matched path. */
    Map<String, String> variables(CoapOptions options, int first) {
        if (!variables) {
            return Map.of();
        }
        Map<String, String> values = new HashMap<>(4);
        for (int i = 0; i < segments.length; i++) {
            if (isVariable(segments[i])) {
                values.put(segments[i].substring(1, segments[i].length() - 1),
                        new String(options.value(first + i), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** Decodes the segments a trailing {@code **} matched. */
    List<String> remainder(CoapOptions options, int first, int count) {
        if (!rest) {
            return List.of();
        }
        List<String> tail = new ArrayList<>(count - segments.length + 1);
        for (int i = segments.length - 1; i < count; i++) {
            tail.add(new String(options.value(first + i), StandardCharsets.UTF_8));
        }
        return tail;
    }

    private static String[] split(String pattern) {
        return Arrays.stream(pattern.split("/")).filter(segment -> !segment.isEmpty()).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return method + " " + pattern;
    }
}
