package io.tributary.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapException;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapResponseException;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.CoapMethod;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * {@code tributary coap get|put|post|delete|observe|discover URI}: CoAP with our {@link CoapClient} (block-wise for
 * large bodies); payloads go to standard output, response codes to standard error, and the exit code follows the
 * code's class.
 */
@Command(name = "coap", mixinStandardHelpOptions = true, description = "Talk CoAP: one request, exit code by class.",
        subcommands = {CoapCommand.Get.class, CoapCommand.Put.class, CoapCommand.Post.class,
                CoapCommand.Delete.class, CoapCommand.Observe.class, CoapCommand.Discover.class})
final class CoapCommand {

    /** What every CoAP request takes. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "URI", description = "e.g. coap://127.0.0.1/ps/demo/temp")
        URI uri;

        @Option(names = "--non", description = "Send a NON request instead of CON.")
        boolean nonConfirmable;

        @Option(names = "--accept", paramLabel = "FORMAT", description = "Accept option, e.g. text/plain or 50.")
        String accept;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "100",
                description = "Give up after this long (default ${DEFAULT-VALUE} s; CON retransmission gives up"
                        + " earlier on its own).")
        long timeoutSeconds;
    }

    /** The body of PUT and POST. */
    static final class Body {
        @Option(names = {"-p", "--payload"}, paramLabel = "TEXT", description = "The payload as text.")
        String text;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The payload from a file.")
        Path file;

        byte[] bytes() throws IOException {
            return file != null ? Files.readAllBytes(file) : text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One request. */
    abstract static class Request implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Option(names = "--format", paramLabel = "FORMAT", description = "Content-Format of the payload, e.g."
                + " text/plain (default), application/json or 50.")
        String format;

        abstract CoapMethod method();

        byte[] payload() throws IOException {
            return null;
        }

        @Override
        public Integer call() throws IOException {
            byte[] payload = payload();
            ContentFormat contentFormat = payload == null ? null : format == null ? ContentFormat.TEXT_PLAIN
                    : contentFormat(format);
            CoapClient client = CoapClient.bind().block(Duration.ofSeconds(10))
                    .confirmable(!target.nonConfirmable)
                    .accept(target.accept == null ? null : contentFormat(target.accept));
            try {
                CoapResponse response = client.request(method(), target.uri, payload, contentFormat)
                        .block(Duration.ofSeconds(target.timeoutSeconds));
                return print(response, spec.commandLine().getOut(), spec.commandLine().getErr());
            } catch (CoapException e) {
                spec.commandLine().getErr().println("no answer: " + e.getMessage());
                return ExitCodes.NO_ANSWER;
            } catch (IllegalStateException e) {
                spec.commandLine().getErr().println("no answer within " + target.timeoutSeconds + " s");
                return ExitCodes.NO_ANSWER;
            } finally {
                client.dispose();
            }
        }
    }

    static ContentFormat contentFormat(String text) {
        if (text.chars().allMatch(Character::isDigit)) {
            return ContentFormat.of(Integer.parseInt(text));
        }
        ContentFormat format = ContentFormat.ofMediaType(text);
        if (format == null) {
            throw new IllegalArgumentException("unknown content format '" + text + "'");
        }
        return format;
    }

    static int print(CoapResponse response, PrintWriter out, PrintWriter err) {
        err.println(response.code() + (response.contentFormat() == null ? "" : " (" + response.contentFormat()
                + ")"));
        if (response.payload().length > 0) {
            out.println(response.payloadUtf8());
        }
        out.flush();
        return ExitCodes.of(response.code().codeClass());
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "GET a resource.")
    static final class Get extends Request {
        @Override
        CoapMethod method() {
            return CoapMethod.GET;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "DELETE a resource.")
    static final class Delete extends Request {
        @Override
        CoapMethod method() {
            return CoapMethod.DELETE;
        }
    }

    /** A request with a body. */
    abstract static class WithBody extends Request {
        @ArgGroup(multiplicity = "1")
        Body body;

        @Override
        byte[] payload() throws IOException {
            return body.bytes();
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "PUT a payload.")
    static final class Put extends WithBody {
        @Override
        CoapMethod method() {
            return CoapMethod.PUT;
        }
    }

    @Command(name = "post", mixinStandardHelpOptions = true, description = "POST a payload.")
    static final class Post extends WithBody {
        @Override
        CoapMethod method() {
            return CoapMethod.POST;
        }
    }

    @Command(name = "observe", mixinStandardHelpOptions = true, description = "Observe a resource (RFC 7641): print"
            + " the registration's response and every notification until Ctrl-C or --count.")
    static final class Observe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target = new Target();

        @Option(names = "--count", paramLabel = "N", description = "Stop after N notifications (default: never).")
        Long count;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            CoapClient client = CoapClient.bind().block(Duration.ofSeconds(10)).confirmable(!target.nonConfirmable)
                    .accept(target.accept == null ? null : contentFormat(target.accept));
            Flux<CoapResponse> responses = client.observe(target.uri);
            if (count != null) {
                responses = responses.take(count + 1); // the registration's response, then N notifications
            }
            AtomicReference<CoapResponse> last = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch ended = new CountDownLatch(1);
            Disposable observation = responses.subscribe(response -> {
                last.set(response);
                err.println(response.code() + (response.observe() < 0 ? "" : " observe=" + response.observe()));
                err.flush();
                out.println(response.payloadUtf8());
                out.flush();
            }, error -> {
                failure.set(error);
                ended.countDown();
            }, ended::countDown);
            // Ctrl-C cancels the observation, which deregisters (RFC 7641 §3.6) before the client closes.
            Thread stop = new Thread(() -> {
                observation.dispose();
                client.dispose();
            }, "coap-observe-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                ended.await();
            } finally {
                Runtime.getRuntime().removeShutdownHook(stop);
                observation.dispose();
                client.dispose();
            }
            Throwable error = failure.get();
            if (error instanceof CoapResponseException ended4or5) {
                err.println(ended4or5.response().code());
                return ExitCodes.of(ended4or5.response().code().codeClass());
            }
            if (error != null) {
                err.println("no answer: " + error.getMessage());
                return ExitCodes.NO_ANSWER;
            }
            return last.get() == null ? ExitCodes.NO_ANSWER : ExitCodes.of(last.get().code().codeClass());
        }
    }

    @Command(name = "discover", mixinStandardHelpOptions = true, description = "List a server's resources"
            + " (RFC 6690 /.well-known/core), or every server's in a multicast group.")
    static final class Discover implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "URI", description = "coap://host[:port] (the path defaults to"
                + " /.well-known/core), or a multicast group such as coap://224.0.1.187")
        URI uri;

        @Option(names = "--query", paramLabel = "QUERY", description = "A filter, e.g. rt=core.ps or href=/ps*.")
        String query;

        @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "6",
                description = "How long to collect multicast answers (default ${DEFAULT-VALUE} s).")
        long windowSeconds;

        @Override
        public Integer call() throws UnknownHostException {
            URI target = discoveryUri(uri, query);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            CoapClient client = CoapClient.bind().block(Duration.ofSeconds(10));
            try {
                if (InetAddress.getByName(target.getHost()).isMulticastAddress()) {
                    List<CoapResponse> answers = client.multicast(target, Duration.ofSeconds(windowSeconds))
                            .collectList().block(Duration.ofSeconds(windowSeconds + 10));
                    for (CoapResponse answer : answers) {
                        out.println("# " + answer.peer());
                        printLinks(answer, out);
                    }
                    err.println(answers.size() + " server(s) answered");
                    return answers.isEmpty() ? ExitCodes.NO_ANSWER : ExitCodes.of(2);
                }
                CoapResponse response = client.get(target).block(Duration.ofSeconds(100));
                err.println(response.code());
                printLinks(response, out);
                return ExitCodes.of(response.code().codeClass());
            } catch (CoapException e) {
                err.println("no answer: " + e.getMessage());
                return ExitCodes.NO_ANSWER;
            } finally {
                client.dispose();
            }
        }

        static URI discoveryUri(URI uri, String query) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")
                    ? "/.well-known/core" : uri.getPath();
            return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path
                    + (query == null ? "" : "?" + query));
        }

        /** One link per line: the link-format separator is a comma outside quoted values. */
        private static void printLinks(CoapResponse response, PrintWriter out) {
            String links = response.payloadUtf8();
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i < links.length(); i++) {
                char c = links.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    out.println(links.substring(start, i));
                    start = i + 1;
                }
            }
            if (start < links.length()) {
                out.println(links.substring(start));
            }
            out.flush();
        }
    }
}
