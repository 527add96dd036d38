package io.tributary.app.cli;

import picocli.CommandLine;

/** Entry point of {@code tributary.jar}. */
public final class Main {

    private Main() {
    }

    /**
     * Runs the command line and exits with its code: 0 success, 1 runtime failure, 2 usage or configuration error.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(TributaryCommand.commandLine().execute(args));
    }
}
