package io.tributary.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.tributary.app.config.ConfigException;
import io.tributary.app.config.ConfigLoader;
import io.tributary.core.config.ConfigProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tributary check-config FILE}: validates a configuration (with the environment applied) without starting. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate a configuration file (and TRIBUTARY_* environment variables) without starting.")
final class CheckConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML configuration file.")
    Path file;

    @Override
    public Integer call() {
        try {
            new ConfigLoader().load(file, System.getenv());
            spec.commandLine().getOut().println(file + ": configuration is valid");
            return 0;
        } catch (ConfigException e) {
            report(spec.commandLine().getErr(), e);
            return TributaryCommand.CONFIG_ERROR;
        }
    }

    /** Prints every problem of a configuration, one per line. */
    static void report(PrintWriter err, ConfigException e) {
        for (ConfigProblem problem : e.problems()) {
            err.println("configuration error: " + problem);
        }
    }
}
