package io.tributary.app.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import io.tributary.upnp.event.Property;
import io.tributary.upnp.ssdp.SsdpAnnouncement;
import io.tributary.upnp.ssdp.SsdpSearch;
import io.tributary.upnp.subscriber.GenaEvent;
import io.tributary.upnp.subscriber.GenaSubscriber;
import io.tributary.upnp.subscriber.RunningSubscriber;
import io.tributary.upnp.subscriber.SubscriberConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * {@code tributary upnp discover}: an SSDP search that lists who answered; {@code tributary upnp subscribe
 * EVENT-URL}: subscribes to a GENA event source and prints its events.
 */
@Command(name = "upnp", mixinStandardHelpOptions = true, description = "UPnP discovery and eventing tools.",
        subcommands = {UpnpCommand.Discover.class, UpnpCommand.Subscribe.class})
final class UpnpCommand {

    @Command(name = "discover", mixinStandardHelpOptions = true, description = "Search with SSDP M-SEARCH (UDA 2.0"
            + " §1.3.2) and print a table of the answers (USN, ST, LOCATION, SERVER); exit 0 when one came, 3 when"
            + " none did.")
    static final class Discover implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--st", paramLabel = "ST", defaultValue = "ssdp:all", description = "Search target:"
                + " ssdp:all, upnp:rootdevice, uuid:..., a device or service type (default ${DEFAULT-VALUE}).")
        String searchTarget;

        @Option(names = "--mx", paramLabel = "SECONDS", defaultValue = "2", description = "MX: devices answer"
                + " within this many seconds, 1 to 5 (default ${DEFAULT-VALUE}).")
        int mx;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long answers are collected"
                + " (default MX + 1).")
        Integer timeoutSeconds;

        @Option(names = "--target", paramLabel = "HOST:PORT", description = "Search one device by unicast"
                + " (UDA 2.0), e.g. 192.0.2.20:1900, instead of multicast to 239.255.255.250:1900.")
        String target;

        @Option(names = "--interface", paramLabel = "NAME", split = ",", description = "Interfaces to search on"
                + " (default every one that is up, not loopback and multicast-capable).")
        List<String> interfaces;

        @Override
        public Integer call() {
            SsdpSearch search;
            try {
                search = SsdpSearch.create().searchTarget(searchTarget).mx(mx);
                if (timeoutSeconds != null) {
                    search = search.timeout(Duration.ofSeconds(timeoutSeconds));
                }
                if (target != null) {
                    search = search.target(address(target));
                }
                if (interfaces != null) {
                    search = search.networkInterfaces(interfaces);
                }
            } catch (IllegalArgumentException bad) {
                throw new ParameterException(spec.commandLine(), bad.getMessage());
            }
            long wait = timeoutSeconds != null ? timeoutSeconds : mx + 1L;
            List<SsdpAnnouncement> answers;
            try {
                answers = search.search().collectList().block(Duration.ofSeconds(wait + 10));
            } catch (IllegalStateException cannot) {
                spec.commandLine().getErr().println("cannot search: " + cannot.getMessage());
                return TributaryCommand.RUNTIME_ERROR;
            }
            PrintWriter out = spec.commandLine().getOut();
            table(answers, out);
            spec.commandLine().getErr().println(answers.size() + " answer(s)");
            return answers.isEmpty() ? ExitCodes.NO_ANSWER : 0;
        }

        /** @return {@code host:port} or {@code [v6]:port}, port 1900 when absent */
        static InetSocketAddress address(String hostAndPort) {
            URI parsed = URI.create("ssdp://" + hostAndPort);
            if (parsed.getHost() == null) {
                throw new IllegalArgumentException("--target must be HOST[:PORT], was " + hostAndPort);
            }
            return new InetSocketAddress(parsed.getHost(), parsed.getPort() < 0 ? 1900 : parsed.getPort());
        }

        /** Columns as wide as their widest value, so the table reads at a glance. */
        static void table(List<SsdpAnnouncement> answers, PrintWriter out) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"USN", "ST", "LOCATION", "SERVER"});
            for (SsdpAnnouncement answer : answers) {
                rows.add(new String[] {answer.usn(), answer.type(), Objects.toString(answer.location(), ""),
                        Objects.toString(answer.server(), "")});
            }
            int[] widths = new int[4];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
                }
                out.println(line.toString().stripTrailing());
            }
            out.flush();
        }
    }

    @Command(name = "subscribe", mixinStandardHelpOptions = true,
            description = "Subscribe to an event URL and print each event (SEQ, variables) until Ctrl-C.")
    static final class Subscribe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "EVENT-URL", description = "e.g. http://192.0.2.20:49152/upnp/event/rcs")
        URI url;

        @Option(names = "--callback-host", defaultValue = "0.0.0.0", description = "Where the NOTIFY callbacks are"
                + " served (default ${DEFAULT-VALUE}).")
        String callbackHost;

        @Option(names = "--callback-port", defaultValue = "0", description = "Their port (default any free port).")
        int callbackPort;

        @Option(names = "--count", defaultValue = "0", paramLabel = "N", description = "Stop after N events.")
        int count;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            // The subscriber needs the bound port, the server the subscriber's routes: they are swapped in after.
            AtomicReference<HttpServerRoutes> callbacks = new AtomicReference<>(HttpServerRoutes.newRoutes());
            DisposableServer server = HttpServer.create().host(callbackHost).port(callbackPort)
                    .handle((request, response) -> callbacks.get().apply(request, response)).bindNow();
            RunningSubscriber subscriber = GenaSubscriber.create(SubscriberConfig.defaults())
                    .callbackPort(server.port()).start();
            HttpServerRoutes routes = HttpServerRoutes.newRoutes();
            subscriber.callbackRoutes().accept(routes);
            callbacks.set(routes);
            try {
                Flux<GenaEvent> events = subscriber.subscribe(url);
                if (count > 0) {
                    events = events.filter(event -> !event.isGap()).take(count);
                }
                events.doOnNext(event -> {
                    if (event.isGap()) {
                        out.println("(continuity lost: " + event.gapReason() + "; subscribing again)");
                    } else {
                        StringBuilder line = new StringBuilder("SEQ ").append(event.seq());
                        for (Property property : event.properties().properties()) {
                            line.append(' ').append(property.name()).append('=').append(property.value());
                        }
                        out.println(line);
                    }
                    out.flush();
                }).blockLast();
                return 0;
            } finally {
                subscriber.close(Duration.ofSeconds(3)).block(Duration.ofSeconds(10));
                server.disposeNow(Duration.ofSeconds(3));
            }
        }
    }
}
