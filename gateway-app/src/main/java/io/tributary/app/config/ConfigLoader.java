package io.tributary.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads the configuration: the embedded defaults, then the user's YAML file (unknown keys, wrong types and
 * duplicate keys refused with file, line and key), then {@code TRIBUTARY_*} environment variables, then range
 * checks.
 */
public final class ConfigLoader {

    /** Class-path resource holding the embedded default configuration. */
    public static final String DEFAULT_RESOURCE = "/tributary-default.yaml";

    private final ObjectMapper mapper;

    /** Creates a loader; cheap, and safe to share. */
    public ConfigLoader() {
        this.mapper = newMapper();
    }

    private static ObjectMapper newMapper() {
        SimpleModule units = new SimpleModule("tributary-units");
        units.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                try {
                    return Durations.parse(parser.getValueAsString(parser.getText()));
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(parser, e.getMessage(), parser.getText(), Duration.class);
                }
            }
        });
        units.addDeserializer(ByteSize.class, new JsonDeserializer<>() {
            @Override
            public ByteSize deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                try {
                    return new ByteSize(DataSizes.parse(parser.getText()));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw InvalidFormatException.from(parser, e.getMessage(), parser.getText(), ByteSize.class);
                }
            }
        });
        YAMLMapper yaml = YAMLMapper.builder(YAMLFactory.builder().build())
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .addModule(units)
                .addModule(KebabEnums.module())
                .build();
        return yaml;
    }

    /**
     * Loads and validates a configuration.
     *
     * @param file the user's YAML file, or {@code null} for the embedded defaults alone
     * @param environment the process environment (only {@code TRIBUTARY_*} variables are read)
     * @return the configuration
     * @throws ConfigException naming the file, line and key of the first problem
     */
    public GatewayConfig load(Path file, Map<String, String> environment) throws ConfigException {
        ObjectNode tree = defaults();
        if (file != null) {
            String text = read(file);
            JsonNode user = parseChecked(text, file.toString());
            if (user != null && !user.isMissingNode() && !user.isNull()) {
                if (!user.isObject()) {
                    throw new ConfigException(file + ": the top level must be a mapping of sections");
                }
                merge(tree, (ObjectNode) user);
            }
        }
        new EnvOverrides(mapper).apply(tree, environment);
        GatewayConfig config;
        try {
            config = mapper.treeToValue(tree, GatewayConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException("environment: " + describe(e), e);
        }
        ConfigValidator.validate(config);
        return config;
    }

    /**
     * Loads the embedded defaults alone; they always load.
     *
     * @return the default configuration
     * @throws ConfigException only if the application jar is damaged
     */
    public GatewayConfig defaultConfig() throws ConfigException {
        return load(null, Map.of());
    }

    private ObjectNode defaults() throws ConfigException {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("embedded default configuration " + DEFAULT_RESOURCE + " is missing");
            }
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new ConfigException("embedded default configuration is unreadable: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Binds the user's file on its own so that errors carry its line numbers, then returns it as a tree. */
    private JsonNode parseChecked(String text, String source) throws ConfigException {
        try {
            JsonNode tree = mapper.readTree(text);
            if (tree != null && tree.isObject()) {
                mapper.treeToValue(tree, GatewayConfig.class);
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + where(text, e) + ": " + describe(e), e);
        }
    }

    private static void merge(ObjectNode base, ObjectNode overlay) {
        overlay.properties().forEach(entry -> {
            JsonNode existing = base.get(entry.getKey());
            if (existing instanceof ObjectNode && entry.getValue() instanceof ObjectNode) {
                merge((ObjectNode) existing, (ObjectNode) entry.getValue());
            } else {
                base.set(entry.getKey(), entry.getValue());
            }
        });
    }

    private static String where(String text, JsonProcessingException e) {
        if (e instanceof JsonMappingException && !((JsonMappingException) e).getPath().isEmpty()) {
            int line = YamlLines.lineOf(text, path((JsonMappingException) e));
            if (line > 0) {
                return " line " + line;
            }
        }
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static List<Object> path(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.add(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.add(reference.getIndex());
            }
        }
        return path;
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException unknown = (UnrecognizedPropertyException) e;
            return "unknown key '" + key(unknown) + "'" + known(unknown.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException) {
            InvalidFormatException invalid = (InvalidFormatException) e;
            return "key '" + key(invalid) + "': '" + invalid.getValue() + "' is not a valid "
                    + typeName(invalid.getTargetType()) + detail(invalid);
        }
        if (e instanceof MismatchedInputException) {
            MismatchedInputException mismatch = (MismatchedInputException) e;
            return "key '" + key(mismatch) + "': expected " + typeName(mismatch.getTargetType());
        }
        if (e instanceof JsonMappingException && !((JsonMappingException) e).getPath().isEmpty()) {
            return "key '" + key((JsonMappingException) e) + "': " + e.getOriginalMessage();
        }
        return "invalid YAML: " + e.getOriginalMessage();
    }

    private static String detail(InvalidFormatException invalid) {
        Class<?> target = invalid.getTargetType();
        if (target != null && target.isEnum()) {
            return " (one of " + KebabEnums.names(target) + ")";
        }
        if (target == Duration.class || target == ByteSize.class) {
            return ": " + invalid.getOriginalMessage();
        }
        return "";
    }

    private static String key(JsonMappingException e) {
        List<Object> path = path(e);
        if (path.isEmpty()) {
            return "(top level)";
        }
        return EnvOverrides.describe(path);
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        return " (known keys: " + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean (true or false)";
        }
        if (type == Duration.class) {
            return "duration";
        }
        if (type == ByteSize.class) {
            return "size";
        }
        if (type.isEnum()) {
            return "choice";
        }
        if (type == String.class) {
            return "text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "list";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "section (a mapping of keys)";
        }
        return type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** @return the mapper used for configuration, for writing the effective configuration back as YAML */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** A JSON mapper for status documents, sharing nothing with the YAML one. */
    static ObjectMapper json() {
        return JsonMapper.builder().build();
    }
}
