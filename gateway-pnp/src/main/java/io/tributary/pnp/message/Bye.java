package io.tributary.pnp.message;

/**
 * Server to agent, the answer to a work response: the transaction is over ({@code info/workInfo/bye}).
 *
 * @param sid an optional session id for the agent to send back, or {@code null}
 */
public record Bye(String sid) implements PnpBody {
}
