package io.tributary.app.config;

import java.util.List;
import java.util.stream.Collectors;

import io.tributary.core.config.ConfigProblem;

/** A configuration that cannot be used; lists every problem found, each with its file, line and key. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /** @param message what is wrong and where */
    public ConfigException(String message) {
        super(message);
        this.problems = List.of(new ConfigProblem(null, "", message));
    }

    /** @param problems every problem found, at least one */
    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in file order */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
