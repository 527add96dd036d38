package io.tributary.pnp.message;

/**
 * A reload that follows a config upgrade or image install, or makes up a reload request.
 *
 * @param reason why, or {@code null}
 * @param delaySeconds delay before reloading, in seconds, or {@code null} for the agent's default
 * @param user who asked, or {@code null}
 * @param saveConfig whether to save the running configuration first, or {@code null} to leave it to the agent
 */
public record Reload(String reason, Integer delaySeconds, String user, Boolean saveConfig) {

    /**
     * @param reason why
     * @return a reload without delay, user or save instruction
     */
    public static Reload because(String reason) {
        return new Reload(reason, null, null, null);
    }
}
