package io.tributary.core.config;

/**
 * One thing wrong with a configuration: where, which key, what.
 *
 * @param where the file and line, or the environment variable; {@code null} when unknown
 * @param key the full key path, e.g. {@code coap.polls[0].uri}; empty when the message names it
 * @param message what is wrong
 */
public record ConfigProblem(String where, String key, String message) {

    /** @return e.g. {@code gw.yaml line 2: key 'router.overflow': 'maybe' is not a valid choice (…)} */
    @Override
    public String toString() {
        String located = where == null ? "" : where + ": ";
        return located + (key.isEmpty() ? "" : "key '" + key + "': ") + message;
    }
}
