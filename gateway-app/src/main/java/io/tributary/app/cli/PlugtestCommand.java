package io.tributary.app.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapServer;
import io.tributary.coap.plugtest.PlugtestServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary plugtest [--host ADDRESS] [--port PORT]}: serves the ETSI CoAP plugtest resources
 * ({@link PlugtestServer}) until SIGTERM or Ctrl-C, to try CoAP clients against.
 */
@Command(name = "plugtest", mixinStandardHelpOptions = true,
        description = "Serve the ETSI CoAP plugtest resources (/test, /large, /obs, /.well-known/core, ...) until"
                + " stopped.")
final class PlugtestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "5683",
            description = "UDP port (default ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "::",
            description = "Bind address (default ${DEFAULT-VALUE}: IPv4 and IPv6).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        CoapEndpoint endpoint = CoapServer.create().host(host).port(port).route(PlugtestServer.create()::declare)
                .bindNow(Duration.ofSeconds(10));
        CountDownLatch stopRequested = new CountDownLatch(1);
        ShutdownSignals.onTerminate(stopRequested::countDown);
        spec.commandLine().getOut().println("CoAP plugtest server on " + endpoint.address()
                + "; resources at coap://[host]:" + endpoint.port() + "/.well-known/core");
        spec.commandLine().getOut().flush();
        stopRequested.await();
        endpoint.disposeLater().block(Duration.ofSeconds(5));
        return 0;
    }
}
