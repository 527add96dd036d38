package io.tributary.pnp.message;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Configuration commands: test them, apply them, or persist the running configuration.
 *
 * @param mode test, apply or persist
 * @param actionOnFail for apply: what to do when a line fails, or {@code null} for the agent's default (continue)
 * @param commands the configuration lines; empty for persist
 */
public record CliConfigRequest(Mode mode, ActionOnFail actionOnFail, List<String> commands) implements ServiceRequest {

    /** Checks the mode and that test and apply carry commands. */
    public CliConfigRequest {
        Objects.requireNonNull(mode, "mode");
        commands = commands == null ? List.of() : List.copyOf(commands);
        if (mode != Mode.PERSIST && commands.isEmpty()) {
            throw new IllegalArgumentException("cli-config " + mode.xml() + " needs at least one command");
        }
    }

    /**
     * @param commands configuration lines
     * @return an apply request that continues on failure
     */
    public static CliConfigRequest apply(List<String> commands) {
        return new CliConfigRequest(Mode.APPLY, null, commands);
    }

    @Override
    public Service service() {
        return Service.CLI_CONFIG;
    }

    /** What to do with the commands. */
    public enum Mode {
        /** Check syntax only ({@code configTest}). */
        TEST("configTest"),
        /** Apply ({@code configApply}). */
        APPLY("configApply"),
        /** Save the running configuration ({@code configPersist}). */
        PERSIST("configPersist");

        private final String element;

        Mode(String element) {
            this.element = element;
        }

        /** @return the element name, e.g. {@code configApply} */
        public String xml() {
            return element;
        }
    }

    /** What apply does when a line fails. */
    public enum ActionOnFail {
        /** Stop at the failing line. */
        STOP,
        /** Go on with the next line. */
        CONTINUE,
        /** Undo what was applied. */
        ROLLBACK;

        /** @return the attribute value, e.g. {@code rollback} */
        public String xml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
