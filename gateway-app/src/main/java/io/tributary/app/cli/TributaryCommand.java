package io.tributary.app.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tributary} command: {@code run}, {@code check-config}, {@code defaults}, the clients {@code coap},
 * {@code upnp}, {@code pnp} and {@code topics}, the CoAP {@code plugtest} server, and {@code generate-completion}
 * (a bash/zsh completion script).
 */
@Command(name = "tributary", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Reactive CoAP / Cisco PnP / UPnP GENA gateway.",
        subcommands = {RunCommand.class, CheckConfigCommand.class, DefaultsCommand.class, CoapCommand.class,
                UpnpCommand.class, PnpCommand.class, TopicsCommand.class, PlugtestCommand.class,
                AutoComplete.GenerateCompletion.class,
                CommandLine.HelpCommand.class})
public final class TributaryCommand {

    /** Exit code for a configuration or usage error. */
    public static final int CONFIG_ERROR = 2;
    /** Exit code for a failure at run time, e.g. a port already in use. */
    public static final int RUNTIME_ERROR = 1;

    /** @return a command line with the subcommands and exit codes wired */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new TributaryCommand());
        line.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
            commandLine.getErr().println("tributary: " + failure.getMessage());
            return RUNTIME_ERROR;
        });
        return line;
    }
}
