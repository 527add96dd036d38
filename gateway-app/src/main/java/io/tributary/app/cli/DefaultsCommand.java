package io.tributary.app.cli;

import java.util.concurrent.Callable;

import io.tributary.app.config.DefaultsDocument;
import io.tributary.app.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary defaults}: prints the documented default configuration, a starting point for your own file. */
@Command(name = "defaults", mixinStandardHelpOptions = true,
        description = "Print the default configuration, every key documented (a starting point for your file).")
final class DefaultsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(DefaultsDocument.render(GatewayConfig.ROOT));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
