package io.tributary.pnp.message;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Run one exec-level command ({@code execCLI}), answering prompts with the given dialogues.
 *
 * @param command the command, e.g. {@code show version}
 * @param maxWait how long the agent waits for output, or {@code null} for the agent's default (10 s)
 * @param dialogues prompts and replies, in order; possibly empty
 */
public record CliExecRequest(String command, Duration maxWait, List<Dialogue> dialogues) implements ServiceRequest {

    /** Checks the command and copies the dialogues. */
    public CliExecRequest {
        Objects.requireNonNull(command, "command");
        dialogues = dialogues == null ? List.of() : List.copyOf(dialogues);
    }

    /**
     * @param command the command
     * @return a request without dialogues and with the agent's default wait
     */
    public static CliExecRequest of(String command) {
        return new CliExecRequest(command, null, List.of());
    }

    @Override
    public Service service() {
        return Service.CLI_EXEC;
    }

    /**
     * One prompt and the reply to type.
     *
     * @param expect the prompt text
     * @param reply what to answer
     */
    public record Dialogue(String expect, String reply) {
    }
}
