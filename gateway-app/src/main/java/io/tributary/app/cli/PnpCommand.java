package io.tributary.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.tributary.pnp.message.Udi;
import io.tributary.pnp.sim.AgentEvent;
import io.tributary.pnp.sim.SimulatedAgent;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code tributary pnp simulate}: runs simulated Cisco PnP agents against a server, with a progress bar. */
@Command(name = "pnp", mixinStandardHelpOptions = true, description = "Cisco Network Plug and Play tools.",
        subcommands = PnpCommand.Simulate.class)
final class PnpCommand {

    /** How one simulated device's run ended. */
    enum Outcome {
        /** The server terminated provisioning. */
        DONE,
        /** The server parked the device with a backoff (unknown devices end here). */
        BACKED_OFF,
        /** An exchange failed or a step was answered with an error. */
        FAILED
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Run N simulated agents until each is terminated, parked with a backoff, or failed.")
    static final class Simulate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--server", required = true, paramLabel = "URL", description = "e.g. http://127.0.0.1:8080")
        String server;

        @Option(names = "--devices", defaultValue = "1", paramLabel = "N", description = "How many (default 1).")
        int devices;

        @Option(names = "--pid", defaultValue = "WS-C2960X-48FPD-L", description = "PID (default ${DEFAULT-VALUE}).")
        String pid;

        @Option(names = "--serial-prefix", defaultValue = "SIM", description = "Serials are the prefix and a"
                + " number (default ${DEFAULT-VALUE}).")
        String serialPrefix;

        @Option(names = "--concurrency", defaultValue = "64", description = "Agents at once (default"
                + " ${DEFAULT-VALUE}).")
        int concurrency;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                counts.put(outcome, 0);
            }
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("agents").setInitialMax(devices)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build()) {
                Flux.range(1, devices)
                        .flatMap(number -> outcome(agent(number)), concurrency)
                        .doOnNext(outcome -> {
                            counts.merge(outcome, 1, Integer::sum);
                            bar.step();
                            bar.setExtraMessage(" done " + counts.get(Outcome.DONE) + ", backed off "
                                    + counts.get(Outcome.BACKED_OFF) + ", failed " + counts.get(Outcome.FAILED));
                        })
                        .blockLast();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-12s %6s%n", "outcome", "agents");
            counts.forEach((outcome, count) -> out.printf("%-12s %6d%n", outcome.name().toLowerCase()
                    .replace('_', ' '), count));
            out.flush();
            err.flush();
            return counts.get(Outcome.FAILED) == 0 ? 0 : TributaryCommand.RUNTIME_ERROR;
        }

        private SimulatedAgent agent(int number) {
            return SimulatedAgent.create(server.replaceAll("/+$", ""),
                    new Udi(pid, "V01", String.format("%s%05d", serialPrefix, number)));
        }

        /** Follows an agent until the server ends, parks or fails it. */
        static Mono<Outcome> outcome(SimulatedAgent agent) {
            return agent.run()
                    .filter(event -> event.kind() == AgentEvent.Kind.TERMINATED
                            || event.kind() == AgentEvent.Kind.ERROR
                            || event.kind() == AgentEvent.Kind.WAITING
                            || event.kind() == AgentEvent.Kind.ANSWERED && !event.success())
                    .next()
                    .map(event -> switch (event.kind()) {
                        case TERMINATED -> Outcome.DONE;
                        case WAITING -> Outcome.BACKED_OFF;
                        default -> Outcome.FAILED;
                    })
                    .defaultIfEmpty(Outcome.FAILED)
                    .timeout(Duration.ofMinutes(5), Mono.just(Outcome.FAILED));
        }
    }
}
