package io.tributary.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.tributary.app.GatewayApplication;
import io.tributary.app.admin.AdminSurface;
import io.tributary.app.config.ConfigException;
import io.tributary.app.config.ConfigLoader;
import io.tributary.app.LoggingSetup;
import io.tributary.app.config.GatewayConfig;
import io.tributary.app.console.Console;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.GatewayStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary run [--config FILE]}: starts the gateway and serves until SIGTERM or Ctrl-C, then stops
 * gracefully within {@code shutdown.timeout} and exits 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the gateway (embedded default configuration unless --config is given).")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML configuration file.")
    Path config;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "Override logging.format: text (default) or json lines.")
    String logFormat;

    @Override
    public Integer call() throws InterruptedException {
        Settings loaded;
        try {
            Map<String, String> environment = new HashMap<>(System.getenv());
            if (logFormat != null) {
                environment.put("TRIBUTARY_LOGGING_FORMAT", logFormat);
            }
            loaded = new ConfigLoader().load(config, environment);
        } catch (ConfigException e) {
            CheckConfigCommand.report(spec.commandLine().getErr(), e);
            return TributaryCommand.CONFIG_ERROR;
        }
        LoggingSetup.apply(loaded.get(GatewayConfig.LOGGING));
        CountDownLatch stopRequested = new CountDownLatch(1);
        ShutdownSignals.onTerminate(stopRequested::countDown);

        GatewayApplication.Running running;
        try {
            running = new GatewayApplication(loaded).start().block();
        } catch (GatewayStartException e) {
            LOG.error("Tributary could not start: {}", e.getMessage());
            return TributaryCommand.RUNTIME_ERROR;
        }
        AdminSurface admin;
        try {
            admin = AdminSurface.start(running, List.of(new Console())).block();
        } catch (RuntimeException e) {
            LOG.error("Tributary could not start the admin listener: {}", e.getMessage());
            running.stop().block(loaded.get(GatewayConfig.SHUTDOWN, GatewayConfig.SHUTDOWN_TIMEOUT));
            return TributaryCommand.RUNTIME_ERROR;
        }
        LOG.info("Tributary started; HTTP on {} (config: {})", running.gateway().httpAddress(),
                config == null ? "embedded default" : config);
        stopRequested.await();
        Duration timeout = loaded.get(GatewayConfig.SHUTDOWN, GatewayConfig.SHUTDOWN_TIMEOUT);
        LOG.info("stop requested; stopping gracefully (at most {} s)", timeout.toSeconds());
        try {
            admin.stop().then(running.stop()).block(timeout);
        } catch (IllegalStateException e) {
            LOG.warn("graceful stop did not finish within {} s; exiting anyway", timeout.toSeconds());
        }
        return 0;
    }
}
