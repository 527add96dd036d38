package io.tributary.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Binds configuration documents and environment variables onto {@link Settings}, collecting every problem
 * (unknown and duplicate keys, wrong types, values out of range, missing required keys, broken rules) with its
 * file and line instead of stopping at the first. One binder serves one load: it remembers where each key was
 * written, so that a rule across settings is reported at the line of the key it blames.
 *
 * <p>A document's sections merge key by key onto the values bound so far (defaults, then the file); lists and
 * maps are replaced whole. An environment variable names a key as {@code TRIBUTARY_} followed by its path, each
 * segment upper-cased with {@code -} written as {@code _}, segments joined by {@code _}, list items by index; a
 * list or section value is YAML flow ({@code [a, b]}, {@code {k: v}}).
 */
public final class SettingsBinder {

    /** Prefix of the environment variables that set keys. */
    public static final String ENVIRONMENT_PREFIX = "TRIBUTARY_";

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, String> locations = new HashMap<>();

    /**
     * Binds a document onto values.
     *
     * @param base the values so far, e.g. {@code section.defaults()}
     * @param document a mapping of the section's keys (an empty document changes nothing)
     * @return the values with the document's keys applied; keys with problems keep their previous values
     */
    public Settings bind(Settings base, ConfigNode document) {
        if (document.kind() == ConfigNode.Kind.NULL) {
            return base;
        }
        if (document.kind() != ConfigNode.Kind.MAP) {
            problems.add(new ConfigProblem(document.where(), "",
                    "the top level must be a mapping of sections"));
            return base;
        }
        return bindSection(base, document, "");
    }

    /**
     * Applies the {@code TRIBUTARY_*} variables of an environment, in name order.
     *
     * @param base the values so far
     * @param environment the process environment; other variables are ignored
     * @param yamlFlow parses a YAML flow value ({@code [a, b]}, {@code {k: v}}) given as its text and source
     * @return the values with the variables applied
     */
    public Settings environment(Settings base, Map<String, String> environment,
                                Function<ConfigNode, ConfigNode> yamlFlow) {
        Settings result = base;
        for (String name : new TreeSet<>(environment.keySet())) {
            if (!name.startsWith(ENVIRONMENT_PREFIX)) {
                continue;
            }
            ConfigNode value = ConfigNode.scalar(environment.get(name), "environment variable " + name, 0);
            Optional<Settings> applied = variable(result, name.substring(ENVIRONMENT_PREFIX.length()), "", value,
                    yamlFlow);
            if (applied.isPresent()) {
                result = applied.get();
            } else {
                problems.add(new ConfigProblem(null, "", "environment variable " + name
                        + " names no configuration key (rule: TRIBUTARY_ + key path, upper-case, '.' and '-' as"
                        + " '_', e.g. TRIBUTARY_HTTP_PORT)"));
            }
        }
        return result;
    }

    /**
     * Checks the bound values' required keys and rules (see {@link Settings#problems()}), reporting each at the
     * place its key was written, or as a default.
     *
     * @param settings the bound values
     */
    public void check(Settings settings) {
        for (ConfigProblem problem : settings.problems()) {
            problems.add(new ConfigProblem(locate(problem.key()), problem.key(), problem.message()));
        }
    }

    /** @return every problem found so far, in the order found */
    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    private String locate(String key) {
        for (String path = key; !path.isEmpty(); path = parent(path)) {
            String where = locations.get(path);
            if (where != null) {
                return where;
            }
        }
        return "default configuration";
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private Settings bindSection(Settings base, ConfigNode node, String path) {
        Settings result = base;
        Set<String> seen = new HashSet<>();
        for (ConfigNode.Entry entry : node.entries()) {
            String key = join(path, entry.key());
            String where = node.where(entry.line());
            List<Setting<?>> route = route(base.section(), entry.key());
            if (route == null) {
                problems.add(new ConfigProblem(where, "", "unknown key '" + key + "'"
                        + known(base.section())));
                continue;
            }
            if (!seen.add(entry.key())) {
                problems.add(new ConfigProblem(where, "", "duplicate key '" + key + "'"));
                continue;
            }
            locations.put(key, where);
            result = set(result, route, 0, entry.value(), key, where);
        }
        return result;
    }

    /** Follows inline sections down to the setting and sets the value read from the node. */
    private Settings set(Settings target, List<Setting<?>> route, int step, ConfigNode node, String key,
                         String where) {
        @SuppressWarnings("unchecked")
        Setting<Object> setting = (Setting<Object>) route.get(step);
        if (step < route.size() - 1) {
            Settings nested = (Settings) target.raw(setting);
            return target.with(setting, set(nested, route, step + 1, node, key, where));
        }
        Object value = read(setting.type(), target.raw(setting), setting.presence(), node, key, where);
        return value == FAILED ? target : target.with(setting, value);
    }

    private static final Object FAILED = new Object();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object read(ValueType<?> type, Object current, Setting.Presence presence, ConfigNode node, String key,
                        String where) {
        boolean blank = node.kind() == ConfigNode.Kind.SCALAR && node.text().isBlank();
        if (node.kind() == ConfigNode.Kind.NULL || blank && presence == Setting.Presence.OPTIONAL) {
            if (presence == Setting.Presence.OPTIONAL) {
                return null; // empty means unset
            }
            if (type instanceof ListType<?>) {
                return List.of();
            }
            if (type instanceof MapType<?>) {
                return Map.of();
            }
            if (type instanceof SectionType) {
                return current;
            }
        }
        if (type instanceof SectionType sectionType) {
            if (node.kind() != ConfigNode.Kind.MAP) {
                return mismatch(type, key, where);
            }
            Settings base = current != null ? (Settings) current : sectionType.section().defaults();
            return bindSection(base, node, key);
        }
        if (type instanceof ListType<?> listType) {
            if (node.kind() != ConfigNode.Kind.LIST) {
                return mismatch(type, key, where);
            }
            List<Object> items = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < node.items().size(); i++) {
                ConfigNode item = node.items().get(i);
                String itemKey = key + "[" + i + "]";
                String itemWhere = item.where();
                locations.put(itemKey, itemWhere);
                Object value = read(listType.element(), null, Setting.Presence.DEFAULTED, item, itemKey, itemWhere);
                failed |= value == FAILED;
                items.add(value);
            }
            return failed ? FAILED : List.copyOf(items);
        }
        if (type instanceof MapType<?> mapType) {
            if (node.kind() != ConfigNode.Kind.MAP) {
                return mismatch(type, key, where);
            }
            Map<String, Object> map = new LinkedHashMap<>();
            boolean failed = false;
            for (ConfigNode.Entry entry : node.entries()) {
                String entryKey = key + "." + entry.key();
                Object value = read(mapType.value(), null, Setting.Presence.DEFAULTED, entry.value(), entryKey,
                        node.where(entry.line()));
                failed |= value == FAILED;
                map.put(entry.key(), value);
            }
            return failed ? FAILED : Collections.unmodifiableMap(map);
        }
        ScalarType scalar = (ScalarType) type;
        if (node.kind() != ConfigNode.Kind.SCALAR) {
            return mismatch(type, key, where);
        }
        try {
            Object value = scalar.parse(node.text().trim());
            String problem = scalar.check(value);
            if (problem != null) {
                problems.add(new ConfigProblem(where, key, problem));
                return FAILED;
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(where, key, e.getMessage()));
            return FAILED;
        }
    }

    private Object mismatch(ValueType<?> type, String key, String where) {
        String expected = type instanceof ScalarType<?> scalar ? scalar.name() : type.describe();
        problems.add(new ConfigProblem(where, key, "expected a " + expected));
        return FAILED;
    }

    private Optional<Settings> variable(Settings target, String rest, String path, ConfigNode value,
                                        Function<ConfigNode, ConfigNode> yamlFlow) {
        for (Setting<?> candidate : target.section().settings()) {
            @SuppressWarnings("unchecked")
            Setting<Object> setting = (Setting<Object>) candidate;
            if (setting.isInline()) {
                Optional<Settings> inner = variable((Settings) target.raw(setting), rest, path, value, yamlFlow);
                if (inner.isPresent()) {
                    return Optional.of(target.with(setting, inner.get()));
                }
                continue;
            }
            String token = setting.key().toUpperCase(Locale.ROOT).replace('-', '_');
            String key = join(path, setting.key());
            if (rest.equals(token)) {
                ConfigNode node = setting.type() instanceof ScalarType<?> ? value : yamlFlow.apply(value);
                Object read = read(setting.type(), target.raw(setting), setting.presence(), node, key,
                        value.source());
                return Optional.of(read == FAILED ? target : target.with(setting, read));
            }
            if (!rest.startsWith(token + "_")) {
                continue;
            }
            String tail = rest.substring(token.length() + 1);
            ValueType<?> type = setting.type();
            if (type instanceof SectionType) {
                Optional<Settings> inner = variable((Settings) target.raw(setting), tail, key, value, yamlFlow);
                if (inner.isPresent()) {
                    return Optional.of(target.with(setting, inner.get()));
                }
            } else if (type instanceof ListType<?> listType) {
                Optional<Object> list = item(listType, (List<?>) target.raw(setting), tail, key, value, yamlFlow);
                if (list.isPresent()) {
                    return Optional.of(target.with(setting, list.get()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Object> item(ListType<?> type, List<?> list, String rest, String key, ConfigNode value,
                                  Function<ConfigNode, ConfigNode> yamlFlow) {
        int cut = rest.indexOf('_');
        String index = cut < 0 ? rest : rest.substring(0, cut);
        if (index.isEmpty() || !index.chars().allMatch(Character::isDigit) || index.length() > 6
                || Integer.parseInt(index) >= list.size()) {
            return Optional.empty();
        }
        int i = Integer.parseInt(index);
        String itemKey = key + "[" + i + "]";
        Object replaced;
        if (cut < 0) {
            ConfigNode node = type.element() instanceof ScalarType<?> ? value : yamlFlow.apply(value);
            replaced = read(type.element(), null, Setting.Presence.DEFAULTED, node, itemKey, value.source());
        } else if (type.element() instanceof SectionType) {
            Optional<Settings> inner = variable((Settings) list.get(i), rest.substring(cut + 1), itemKey, value,
                    yamlFlow);
            if (inner.isEmpty()) {
                return Optional.empty();
            }
            replaced = inner.get();
        } else {
            return Optional.empty();
        }
        if (replaced == FAILED) {
            return Optional.of(list);
        }
        List<Object> copy = new ArrayList<>(list);
        copy.set(i, replaced);
        return Optional.of(List.copyOf(copy));
    }

    /** The settings a key leads to: itself, or through inline sections. */
    private static List<Setting<?>> route(Section section, String key) {
        Setting<?> own = section.find(key);
        if (own != null && !own.isInline()) {
            return List.of(own);
        }
        for (Setting<?> setting : section.settings()) {
            if (setting.isInline()) {
                List<Setting<?>> inner = route(((SectionType) setting.type()).section(), key);
                if (inner != null) {
                    List<Setting<?>> route = new ArrayList<>();
                    route.add(setting);
                    route.addAll(inner);
                    return route;
                }
            }
        }
        return null;
    }

    private static String known(Section section) {
        Set<String> keys = new TreeSet<>();
        collectKeys(section, keys);
        return keys.isEmpty() ? "" : " (known keys: " + String.join(", ", keys) + ")";
    }

    private static void collectKeys(Section section, Set<String> keys) {
        for (Setting<?> setting : section.settings()) {
            if (setting.isInline()) {
                collectKeys(((SectionType) setting.type()).section(), keys);
            } else {
                keys.add(setting.key());
            }
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
