package io.tributary.app.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpMethod;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One route of the admin API: a method and a path template whose {@code {name}} segments match one segment, except
 * {@code {topic}}, which matches the rest of the path (a topic has slashes).
 *
 * @param method the HTTP method
 * @param template e.g. {@code /api/pnp/devices/{serial}/claim}
 * @param handler what answers it
 */
record ApiRoute(HttpMethod method, String template, Handler handler) {

    /** Answers a request of this route. */
    @FunctionalInterface
    interface Handler {
        /**
         * @param request the request
         * @param response the response
         * @param who who is asking, already checked
         * @param variables the values of the template's variables
         * @return completes when answered
         */
        Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response, AdminPrincipal who,
                               Map<String, String> variables);
    }

    /** The variable that takes the rest of the path. */
    static final String REST = "topic";

    /**
     * @param path a decoded request path
     * @return the values of the template's variables, or {@code null} when the path does not match
     */
    Map<String, String> match(String path) {
        List<String> pattern = List.of(template.substring(1).split("/"));
        List<String> actual = List.of(path.substring(1).split("/", -1));
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (i >= actual.size() || actual.get(i).isEmpty()) {
                return null;
            }
            if (expected.equals("{" + REST + "}")) {
                variables.put(REST, String.join("/", actual.subList(i, actual.size())));
                return variables;
            }
            if (expected.startsWith("{")) {
                variables.put(expected.substring(1, expected.length() - 1), actual.get(i));
            } else if (!expected.equals(actual.get(i))) {
                return null;
            }
        }
        return actual.size() == pattern.size() ? variables : null;
    }
}
