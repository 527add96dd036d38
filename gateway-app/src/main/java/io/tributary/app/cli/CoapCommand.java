package io.tributary.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapException;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.CoapMethod;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tributary coap get|put|post|delete URI}: one CoAP request with our {@link CoapClient}; the payload goes to
 * standard output, the response code to standard error, and the exit code follows the code's class.
 */
@Command(name = "coap", mixinStandardHelpOptions = true, description = "Talk CoAP: one request, exit code by class.",
        subcommands = {CoapCommand.Get.class, CoapCommand.Put.class, CoapCommand.Post.class,
                CoapCommand.Delete.class})
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
}
