package io.tributary.pnp.message;

import java.util.List;

/**
 * A cli-exec response's {@code execLog}: each command sent and the text received.
 *
 * @param entries the exchanges, in order
 */
public record CliOutput(List<Entry> entries) implements ServiceResult {

    /** Copies the entries. */
    public CliOutput {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** @return all received text joined by newlines */
    public String text() {
        StringBuilder all = new StringBuilder();
        for (Entry entry : entries) {
            if (entry.received() != null) {
                if (all.length() > 0) {
                    all.append('\n');
                }
                all.append(entry.received());
            }
        }
        return all.toString();
    }

    /**
     * One {@code dialogueLog}.
     *
     * @param sent what was sent
     * @param received what came back, or {@code null}
     */
    public record Entry(String sent, String received) {
    }
}
