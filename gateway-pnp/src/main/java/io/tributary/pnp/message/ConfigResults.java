package io.tributary.pnp.message;

import java.util.List;

/**
 * A cli-config response's per-line results ({@code resultEntry}).
 *
 * @param entries one per configuration line
 */
public record ConfigResults(List<Entry> entries) implements ServiceResult {

    /** Copies the entries. */
    public ConfigResults {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * One line's result.
     *
     * @param lineNumber the line number
     * @param cliString the line, or {@code null}
     * @param outcome what happened
     * @param text the device's message, or {@code null}
     */
    public record Entry(int lineNumber, String cliString, Outcome outcome, String text) {
    }

    /** What happened to a line. */
    public enum Outcome {
        /** Applied. */
        SUCCESS("success"),
        /** Failed. */
        FAILURE("failure"),
        /** Not a valid command. */
        INVALID("invalid"),
        /** Skipped (an earlier line failed). */
        NOT_EXECUTED("notExecuted");

        private final String element;

        Outcome(String element) {
            this.element = element;
        }

        /** @return the element name, e.g. {@code notExecuted} */
        public String xml() {
            return element;
        }

        /**
         * @param element an element name
         * @return the outcome, or {@code null} when the name is none
         */
        public static Outcome fromXml(String element) {
            for (Outcome outcome : values()) {
                if (outcome.element.equals(element)) {
                    return outcome;
                }
            }
            return null;
        }
    }
}
