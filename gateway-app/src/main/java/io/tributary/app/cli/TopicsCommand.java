package io.tributary.app.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/** {@code tributary topics tail FILTER --gateway URL}: follows the admin API's live stream of topics. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Topics of a running gateway.",
        subcommands = TopicsCommand.Tail.class)
final class TopicsCommand {

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Print every message matching FILTER as it is published, until Ctrl-C.")
    static final class Tail implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILTER", defaultValue = "#", description = "e.g. coap/#")
        String filter;

        @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
                description = "The gateway's admin API (default ${DEFAULT-VALUE}).")
        String gateway;

        @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token (or TRIBUTARY_ADMIN_TOKEN).",
                defaultValue = "${env:TRIBUTARY_ADMIN_TOKEN}")
        String token;

        @Option(names = "--user", paramLabel = "NAME:PASSWORD", description = "Basic credentials instead.")
        String user;

        @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N messages.")
        int count;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ObjectMapper json = new ObjectMapper();
            AtomicInteger status = new AtomicInteger();
            String uri = gateway.replaceAll("/+$", "") + "/api/topics/stream?filter="
                    + URLEncoder.encode(filter, StandardCharsets.UTF_8);
            Flux<String> chunks = HttpClient.create().headers(headers -> {
                if (token != null && !token.isBlank()) {
                    headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
                } else if (user != null) {
                    headers.set(HttpHeaderNames.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                            user.getBytes(StandardCharsets.UTF_8)));
                }
            }).get().uri(uri).response((response, body) -> {
                status.set(response.status().code());
                return response.status().code() == 200 ? body.asString() : body.asString().doOnNext(err::println)
                        .thenMany(Flux.empty());
            });
            Flux<JsonNode> messages = new EventParser().events(chunks).handle((event, sink) -> {
                if (event[0].equals("dropped")) {
                    err.println("(fell behind: " + event[1] + ")");
                    return;
                }
                try {
                    sink.next(json.readTree(event[1]));
                } catch (Exception e) {
                    err.println("unreadable event: " + event[1]);
                }
            });
            if (count > 0) {
                messages = messages.take(count);
            }
            try {
                messages.doOnNext(message -> {
                    out.println(message.get("topic").asText() + " " + message.get("payload").asText());
                    out.flush();
                }).blockLast();
            } catch (RuntimeException e) {
                err.println("no answer from " + gateway + ": " + e.getMessage());
                return ExitCodes.NO_ANSWER;
            }
            return status.get() == 0 ? ExitCodes.NO_ANSWER : ExitCodes.of(status.get() / 100);
        }
    }

    /** Turns the text of an event stream, in chunks cut anywhere, into (event name, data) pairs. */
    static final class EventParser {
        private final StringBuilder pending = new StringBuilder();
        private final StringBuilder data = new StringBuilder();
        private String name = "message";

        Flux<String[]> events(Flux<String> chunks) {
            return chunks.concatMapIterable(chunk -> {
                List<String[]> events = new ArrayList<>();
                pending.append(chunk.replace("\r\n", "\n"));
                int end;
                while ((end = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, end);
                    pending.delete(0, end + 1);
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new String[] {name, data.toString()});
                        }
                        name = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                    }
                }
                return events;
            });
        }
    }
}
