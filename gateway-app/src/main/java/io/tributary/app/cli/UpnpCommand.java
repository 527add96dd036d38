package io.tributary.app.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import io.tributary.upnp.event.Property;
import io.tributary.upnp.subscriber.GenaEvent;
import io.tributary.upnp.subscriber.GenaSubscriber;
import io.tributary.upnp.subscriber.RunningSubscriber;
import io.tributary.upnp.subscriber.SubscriberConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;

/** {@code tributary upnp subscribe EVENT-URL}: subscribes to a GENA event source and prints its events. */
@Command(name = "upnp", mixinStandardHelpOptions = true, description = "UPnP eventing tools.",
        subcommands = UpnpCommand.Subscribe.class)
final class UpnpCommand {

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
