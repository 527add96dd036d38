package io.tributary.app.cli;

import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a graceful-stop request instead of the JVM's default exit (code 143/130), so the
 * process can drain and exit 0.
 */
final class ShutdownSignals {

    private ShutdownSignals() {
    }

    static void onTerminate(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> action.run());
        }
    }
}
