package io.tributary.pnp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Adapter;
import io.tributary.core.gateway.GatewayContext;
import io.tributary.pnp.files.FileService;
import io.tributary.pnp.provision.ClaimRefusedException;
import io.tributary.pnp.provision.Claims;
import io.tributary.pnp.provision.DeviceProgress;
import io.tributary.pnp.provision.PlanConfig;
import io.tributary.pnp.provision.Provisioner;
import io.tributary.pnp.provision.ProvisioningPlan;
import io.tributary.pnp.provision.Rule;
import io.tributary.pnp.server.PnpEndpoints;
import io.tributary.pnp.server.PnpServer;
import io.tributary.pnp.server.PnpServerConfig;
import io.tributary.pnp.store.DeviceRecord;
import io.tributary.pnp.store.DeviceStatusRoutes;
import io.tributary.pnp.store.DeviceStore;
import io.tributary.pnp.store.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;

/**
 * Cisco Network Plug and Play in a gateway: the PnP endpoints, the file service and the device status routes on
 * the shared HTTP listener (and on an HTTPS listener of its own when configured), the built-in provisioner with its
 * device store, and every contact and result published to the router (see {@link RouterEvents}). Operators read
 * each device's progress and claim or retry devices through {@link #devices()}, {@link #claim} and {@link #retry}.
 */
public final class PnpAdapter implements Adapter {

    private static final Logger LOG = LoggerFactory.getLogger(PnpAdapter.class);
    /** Most one-shot URLs open, and most rendered configurations kept for download. */
    private static final int MAX_OFFERS = 10_000;

    private final Settings settings;
    private final ProvisioningPlan plan;
    private final Scheduler clock;
    private volatile Running running;

    private PnpAdapter(Settings settings, ProvisioningPlan plan, Scheduler clock) {
        this.settings = settings;
        this.plan = plan;
        this.clock = clock;
    }

    /** @return an adapter with {@link PnpConfig#defaults()} */
    public static PnpAdapter create() {
        return create(PnpConfig.defaults());
    }

    /**
     * @param settings values of {@link PnpConfig#SECTION}: device store, files, endpoints, HTTPS listener and the
     *                 provisioning plan ({@code enabled} is for the application that creates the adapter)
     * @return an adapter named {@code pnp}, dating contacts by {@link Schedulers#parallel()}'s clock
     * @throws IllegalArgumentException for settings of another section, or values that break its rules
     */
    public static PnpAdapter create(Settings settings) {
        if (settings.section() != PnpConfig.SECTION) {
            throw new IllegalArgumentException("expected pnp settings, was " + settings.section());
        }
        settings.validate();
        return new PnpAdapter(settings, PlanConfig.plan(settings.get(PnpConfig.PLAN)), Schedulers.parallel());
    }

    /**
     * @param provisioning a plan built in code, e.g. with steps of any {@code ServiceRequest}; it replaces the plan
     *                     the settings describe (retry, variables, rules, unknown-devices); default that plan
     * @return a new adapter reference
     */
    public PnpAdapter plan(ProvisioningPlan provisioning) {
        return new PnpAdapter(settings, Objects.requireNonNull(provisioning, "provisioning"), clock);
    }

    /**
     * @param scheduler whose clock dates contacts, retries and one-shot URL expiry; default
     *                  {@link Schedulers#parallel()}; tests pass a virtual one
     * @return a new adapter reference
     */
    public PnpAdapter clock(Scheduler scheduler) {
        return new PnpAdapter(settings, plan, Objects.requireNonNull(scheduler, "scheduler"));
    }

    @Override
    public String name() {
        return "pnp";
    }

    @Override
    public Mono<Void> start(GatewayContext context) {
        MeterRegistry registry = context.meterRegistry();
        Path data = Path.of(settings.get(PnpConfig.DATA_DIR));
        Path filesRoot = settings.find(PnpConfig.FILES_DIR).map(Path::of).orElse(data.resolve("files"));
        Settings endpointSettings = settings.get(PnpConfig.SERVER);
        return DeviceStore.open(data).flatMap(store -> {
            FileService files = new FileService(filesRoot, settings.get(PnpConfig.ONE_SHOT_URLS),
                    settings.get(PnpConfig.ONE_SHOT_TTL), MAX_OFFERS, registry,
                    () -> clock.now(TimeUnit.MILLISECONDS));
            Provisioner provisioner = new Provisioner(plan, store, files,
                    new RouterEvents(context.router(), store), registry, clock,
                    settings.get(PnpConfig.ADVERTISED_URL), endpointSettings.get(PnpServerConfig.MAX_DEVICES));
            List<Meter> gauges = provisioner.bindDeviceGauges();
            PnpServer server = PnpServer.create().handler(provisioner).config(endpointSettings)
                    .meterRegistry(registry).route(files).route(new DeviceStatusRoutes(store));
            PnpEndpoints endpoints = server.endpoints();
            List<Disposable> routes = new ArrayList<>();
            if (context.http() != null) {
                routes.add(context.http().route(endpoints));
            }
            Running started = new Running(store, provisioner.claims(), gauges, routes, registry);
            running = started;
            Settings https = settings.get(PnpConfig.HTTPS);
            if (!https.get(PnpConfig.HTTPS_ENABLED)) {
                LOG.info("PnP serving on the shared listener; device store {}, files from {}", data, files.root());
                return Mono.<Void>empty();
            }
            return server.host(https.get(PnpConfig.HTTPS_HOST)).port(https.get(PnpConfig.HTTPS_PORT))
                    .secure(Path.of(https.get(PnpConfig.CERTIFICATE)), Path.of(https.get(PnpConfig.PRIVATE_KEY)))
                    .bind(endpoints)
                    .doOnNext(bound -> {
                        started.https = bound;
                        LOG.info("PnP HTTPS listener on {}", bound.address());
                    }).then();
        }).onErrorResume(failure -> stop().then(Mono.error(failure)));
    }

    @Override
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            Running current = running;
            running = null;
            if (current == null) {
                return Mono.empty();
            }
            current.routes.forEach(Disposable::dispose);
            Mono<Void> https = current.https == null ? Mono.empty()
                    : Mono.fromRunnable(current.https::dispose).then(current.https.onDispose());
            return https.then(current.store.close())
                    .doFinally(signal -> current.gauges.forEach(current.registry::remove));
        });
    }

    /** @return the device store while started, else {@code null}; for embedders that want to read it */
    public DeviceStore store() {
        Running current = running;
        return current == null ? null : current.store;
    }

    /** @return the HTTPS listener's bound address port while started, or -1 without one */
    public int httpsPort() {
        Running current = running;
        return current == null || current.https == null ? -1 : current.https.port();
    }

    /** @return the names of the plan's rules, in order: those a device may be claimed for */
    public List<String> rules() {
        return plan.rules().stream().map(Rule::name).toList();
    }

    /**
     * @return every device's progress (record, step count of its rule, claim), ordered by serial; empty before
     *         start
     */
    public Flux<DeviceProgress> devices() {
        return Flux.defer(() -> {
            Running current = running;
            return current == null ? Flux.empty() : current.claims.devices();
        });
    }

    /**
     * @param serial a device's serial
     * @return its progress and latest step results, or empty when never seen (or before start)
     */
    public Mono<DeviceReport> device(String serial) {
        return Mono.defer(() -> {
            Running current = running;
            return current == null ? Mono.empty() : current.store.status(serial)
                    .map(status -> new DeviceReport(current.claims.progress(status.device()), status.results()));
        });
    }

    /**
     * Claims a device for one of the plan's rules; stored, it survives restarts, and the device starts that rule
     * from its first step at its next work request. See {@link Claims#claim}.
     *
     * @param serial the device's serial
     * @param rule one of {@link #rules()}
     * @param variables template variables for this device, over the plan's and the rule's
     * @param claimedBy who claims it, kept with the claim
     * @return the device's record after the claim; {@link ClaimRefusedException} for an unknown device or rule,
     *         {@link IllegalStateException} before start
     */
    public Mono<DeviceRecord> claim(String serial, String rule, Map<String, String> variables, String claimedBy) {
        return started().flatMap(current -> current.claims.claim(serial, rule, variables, claimedBy));
    }

    /**
     * Lets a FAILED device try its failed step again at its next work request. See {@link Claims#retry}.
     *
     * @param serial the device's serial
     * @return the device's record after the retry; {@link ClaimRefusedException} for an unknown device or one that
     *         has not failed, {@link IllegalStateException} before start
     */
    public Mono<DeviceRecord> retry(String serial) {
        return started().flatMap(current -> current.claims.retry(serial));
    }

    private Mono<Running> started() {
        return Mono.defer(() -> {
            Running current = running;
            return current == null ? Mono.error(new IllegalStateException("the PnP adapter is not started"))
                    : Mono.just(current);
        });
    }

    /**
     * What {@link #device(String)} reports of one device.
     *
     * @param progress its record, the step count of its rule and its claim
     * @param results its latest step results, oldest first, at most {@link DeviceStore#MAX_RESULTS}
     */
    public record DeviceReport(DeviceProgress progress, List<StepResult> results) {
    }

    private static final class Running {
        final DeviceStore store;
        final Claims claims;
        final List<Meter> gauges;
        final List<Disposable> routes;
        final MeterRegistry registry;
        volatile DisposableServer https;

        Running(DeviceStore store, Claims claims, List<Meter> gauges, List<Disposable> routes,
                MeterRegistry registry) {
            this.store = store;
            this.claims = claims;
            this.gauges = gauges;
            this.routes = routes;
            this.registry = registry;
        }
    }
}
