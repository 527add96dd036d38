package io.tributary.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import io.tributary.core.config.ConfigNode;
import io.tributary.core.config.Settings;
import io.tributary.core.config.SettingsBinder;

/**
 * Loads the configuration: the defaults of every setting's definition, then the user's YAML file, then
 * {@code TRIBUTARY_*} environment variables, then the rules across settings. Every problem is collected (unknown
 * and duplicate keys, wrong types, values out of range, missing keys, broken rules), each with its file, line and
 * full key, and reported together.
 */
public final class ConfigLoader {

    /**
     * Loads and validates a configuration.
     *
     * @param file the user's YAML file, or {@code null} for the defaults alone
     * @param environment the process environment (only {@code TRIBUTARY_*} variables are read)
     * @return the configuration, values of {@link GatewayConfig#ROOT}
     * @throws ConfigException listing every problem
     */
    public Settings load(Path file, Map<String, String> environment) throws ConfigException {
        SettingsBinder binder = new SettingsBinder();
        Settings settings = GatewayConfig.ROOT.defaults();
        if (file != null) {
            settings = binder.bind(settings, YamlDocuments.parse(read(file), file.toString()));
        }
        settings = binder.environment(settings, environment, ConfigLoader::flow);
        binder.check(settings);
        if (!binder.problems().isEmpty()) {
            throw new ConfigException(binder.problems());
        }
        return settings;
    }

    /**
     * Loads the defaults alone; they always load.
     *
     * @return the default configuration
     * @throws ConfigException only if a definition's default breaks a rule, which a test rules out
     */
    public Settings defaultConfig() throws ConfigException {
        return load(null, Map.of());
    }

    private static ConfigNode flow(ConfigNode value) {
        try {
            return YamlDocuments.parse(value.text(), value.source());
        } catch (ConfigException e) {
            return value;
        }
    }

    private static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
    }
}
