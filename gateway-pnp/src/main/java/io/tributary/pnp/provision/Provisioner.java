package io.tributary.pnp.provision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.pnp.files.FileService;
import io.tributary.pnp.message.BackoffRequest;
import io.tributary.pnp.message.ErrorInfo;
import io.tributary.pnp.message.Fault;
import io.tributary.pnp.message.PnpBody;
import io.tributary.pnp.message.ServiceRequest;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.message.WorkRequest;
import io.tributary.pnp.server.PnpContact;
import io.tributary.pnp.server.PnpHandler;
import io.tributary.pnp.server.ServerBusyException;
import io.tributary.pnp.server.ServiceRequestRecord;
import io.tributary.pnp.store.DeviceRecord;
import io.tributary.pnp.store.DeviceState;
import io.tributary.pnp.store.DeviceStore;
import io.tributary.pnp.store.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The built-in provisioning workflow as a {@link PnpHandler}: each device follows the rule the plan picks for it,
 * one step per work request, with the state in a {@link DeviceStore} so that a restart continues each device where
 * it was. A failed step ({@code success="0"} or a fault) is recorded with its error code and retried after a
 * growing backoff; past the retry limit the device is marked failed and told to back off. After the last step the
 * rule's finish is sent: terminate, or a backoff that parks the device. A device an operator claimed follows the
 * claimed rule instead of the plan's choice ({@link Claims}). Times come from the given scheduler's
 * clock (virtual in tests).
 */
public final class Provisioner implements PnpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

    private final ProvisioningPlan plan;
    private final DeviceStore store;
    private final FileService files;
    private final ProvisioningEvents events;
    private final MeterRegistry registry;
    private final Scheduler clock;
    private final String advertisedUrl;
    private final int maxDevices;
    private final Map<String, Counter> stepCounters = new ConcurrentHashMap<>();
    private final Claims claims;

    /**
     * @param plan the rules and retry policy
     * @param store where device state lives
     * @param files the file service for configs and images
     * @param events receives state changes and results
     * @param registry where {@code tributary.pnp.step.results} and {@code tributary.pnp.devices} go
     * @param clock whose {@code now()} dates contacts and retries
     * @param advertisedUrl the base URL devices use for files (NAT-aware), or {@code null} to take scheme and
     *                      {@code Host} header of each work request
     * @param maxDevices most devices the store holds; a new device beyond that is refused with
     *                   {@link ServerBusyException} (503) before anything is stored or published
     */
    public Provisioner(ProvisioningPlan plan, DeviceStore store, FileService files, ProvisioningEvents events,
                       MeterRegistry registry, Scheduler clock, String advertisedUrl, int maxDevices) {
        this.maxDevices = maxDevices;
        this.plan = Objects.requireNonNull(plan, "plan");
        this.store = Objects.requireNonNull(store, "store");
        this.files = Objects.requireNonNull(files, "files");
        this.events = Objects.requireNonNull(events, "events");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.advertisedUrl = advertisedUrl == null || advertisedUrl.isBlank() ? null
                : advertisedUrl.replaceAll("/+$", "");
        this.claims = new Claims(plan, store, events, clock);
    }

    /** @return claims, retries and progress of this provisioner's devices */
    public Claims claims() {
        return claims;
    }

    /**
     * Registers {@code tributary.pnp.devices{state}} gauges over the store.
     *
     * @return the gauges, to remove from the registry when the store closes
     */
    public List<Meter> bindDeviceGauges() {
        List<Meter> gauges = new ArrayList<>();
        for (DeviceState state : DeviceState.values()) {
            gauges.add(Gauge.builder("tributary.pnp.devices", store, s -> s.count(state))
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("PnP devices by provisioning state").register(registry));
        }
        return gauges;
    }

    private long now() {
        return clock.now(TimeUnit.MILLISECONDS);
    }

    @Override
    public Mono<ServiceRequest> workRequest(PnpContact contact) {
        Udi udi = contact.udi();
        Rule rule = claims.ruleFor(udi.serial(), plan.ruleFor(udi));
        String hostname = contact.message().body() instanceof WorkRequest work ? work.deviceId().hostname() : null;
        String correlator = contact.message().correlator();
        return Mono.defer(() -> {
            long now = now();
            if (store.size() >= maxDevices && !store.contains(udi.serial())) {
                return Mono.error(new ServerBusyException("device store full (" + maxDevices + " devices); "
                        + udi.serial() + " refused"));
            }
            DeviceRecord device = store.update(udi.serial(), current -> {
                DeviceRecord touched = current == null
                        ? DeviceRecord.first(udi.serial(), contact.message().udi(), udi.pid(), now) : current;
                touched = touched.contacted(contact.message().udi(), udi.pid(), hostname, now);
                return rule.name().equals(touched.rule()) ? touched : touched.following(rule.name());
            });
            return next(device, rule, contact, now).map(decision -> {
                DeviceRecord pending = store.update(udi.serial(), current -> current.pending(
                        decision.request.service().id(), correlator, decision.isStep, decision.state));
                events.state(pending);
                return decision.request;
            });
        });
    }

    private Mono<Decision> next(DeviceRecord device, Rule rule, PnpContact contact, long now) {
        switch (device.state()) {
            case FAILED:
                return control(BackoffRequest.callbackAfter("provisioning failed: " + device.lastError(),
                        plan.retry().max()), DeviceState.FAILED);
            case DONE:
                return control(BackoffRequest.terminate("provisioning complete"), DeviceState.DONE);
            case BACKED_OFF:
                return control(rule.finish().request(), DeviceState.BACKED_OFF);
            case RETRYING:
                if (now < device.retryAtMillis()) {
                    Duration wait = Duration.ofMillis(Math.max(1000, device.retryAtMillis() - now));
                    return control(BackoffRequest.callbackAfter("retrying after a failed step", wait),
                            DeviceState.RETRYING);
                }
                break;
            default:
                break;
        }
        if (device.step() >= rule.steps().size()) {
            Finish finish = rule.finish();
            return control(finish.request(), finish.terminate() ? DeviceState.DONE : DeviceState.BACKED_OFF);
        }
        Step step = rule.steps().get(device.step());
        DeviceState state = device.state() == DeviceState.RETRYING ? DeviceState.RETRYING : DeviceState.PROVISIONING;
        return Mono.defer(() -> step.resolve(context(device, rule, contact)))
                .map(request -> new Decision(request, true, state))
                .onErrorResume(failure -> unresolvable(device, step, failure, now));
    }

    private static Mono<Decision> control(BackoffRequest request, DeviceState state) {
        return Mono.just(new Decision(request, false, state));
    }

    /** A step the server cannot build (missing file, bad template) counts as a failed attempt of that step. */
    private Mono<Decision> unresolvable(DeviceRecord device, Step step, Throwable failure, long now) {
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        LOG.error("PnP device {}: step {} ({}) cannot be prepared: {}", device.serial(), device.step(),
                step.service().id(), message);
        StepResult result = new StepResult(device.step(), step.service().id(), false, "server", message, now);
        DeviceRecord updated = store.update(device.serial(), current -> failed(current, result, now));
        store.addResult(device.serial(), updated.resultCount(), result);
        events.state(updated);
        count(step.service().id(), false);
        BackoffRequest backoff = updated.state() == DeviceState.FAILED
                ? BackoffRequest.callbackAfter("provisioning failed: " + updated.lastError(), plan.retry().max())
                : BackoffRequest.callbackAfter("retrying after a failed step",
                Duration.ofMillis(Math.max(1000, updated.retryAtMillis() - now)));
        return Mono.just(new Decision(backoff, false, updated.state()));
    }

    private StepContext context(DeviceRecord device, Rule rule, PnpContact contact) {
        Map<String, String> variables = new HashMap<>(plan.variables());
        variables.putAll(rule.variables());
        variables.putAll(claims.variables(device.serial(), rule));
        Udi udi = contact.udi();
        variables.put("serial", udi.serial());
        variables.put("pid", udi.pid());
        variables.put("vid", udi.vid());
        variables.put("udi", udi.toString());
        String hostname = rule.hostname() != null ? rule.hostname()
                : device.hostname() != null ? device.hostname() : udi.serial();
        variables.put("hostname", hostname);
        return new StepContext(udi.serial(), variables, baseUrl(contact),
                contact.remoteAddress() == null ? null : contact.remoteAddress().getAddress(), files);
    }

    /** @return the advertised URL, else scheme and Host of the request, else {@code null} (file steps then fail) */
    private String baseUrl(PnpContact contact) {
        if (advertisedUrl != null) {
            return advertisedUrl;
        }
        if (contact.host() == null || contact.host().isBlank()) {
            return null;
        }
        return (contact.secure() ? "https://" : "http://") + contact.host();
    }

    @Override
    public Mono<Void> workResponse(PnpContact contact, ServiceRequestRecord answered) {
        String serial = contact.serial();
        PnpBody body = contact.message().body();
        String service = answered.request().service().id();
        return Mono.fromRunnable(() -> {
            long now = now();
            StepResult[] stepResult = new StepResult[1];
            DeviceRecord device = store.update(serial, current -> {
                if (current == null || !answered.correlator().equals(current.pendingCorrelator())) {
                    return current;
                }
                if (!current.pendingIsStep()) {
                    return current.settled(now);
                }
                StepResult result = result(current.step(), service, body, now);
                stepResult[0] = result;
                if (result.success()) {
                    return current.answered(result, DeviceState.PROVISIONING, current.step() + 1, 0, 0,
                            current.lastError(), now);
                }
                return failed(current, result, now);
            });
            if (device == null) {
                return;
            }
            if (stepResult[0] != null) {
                store.addResult(serial, device.resultCount(), stepResult[0]);
                count(service, stepResult[0].success());
                if (device.state() == DeviceState.FAILED) {
                    LOG.warn("PnP device {} failed: {}", serial, device.lastError());
                }
            }
            if (body instanceof ServiceResponse) {
                events.result(device, answered.request().service(), contact.document());
            }
            events.state(device);
        });
    }

    private static StepResult result(int step, String service, PnpBody body, long now) {
        if (body instanceof ServiceResponse response) {
            ErrorInfo error = response.errorInfo();
            return new StepResult(step, service, response.success(), error == null ? null : error.code(),
                    error == null ? null : error.message(), now);
        }
        Fault fault = (Fault) body;
        return new StepResult(step, service, false, fault.code(), fault.reason(), now);
    }

    private DeviceRecord failed(DeviceRecord device, StepResult result, long now) {
        int attempts = device.attempts() + 1;
        String error = result.service() + ": " + (result.errorCode() == null ? "failed" : result.errorCode())
                + (result.errorMessage() == null ? "" : " " + result.errorMessage());
        if (attempts >= plan.retry().maxAttempts()) {
            return device.answered(result, DeviceState.FAILED, device.step(), attempts, 0, error, now);
        }
        long retryAt = now + plan.retry().delay(attempts).toMillis();
        return device.answered(result, DeviceState.RETRYING, device.step(), attempts, retryAt, error, now);
    }

    private void count(String service, boolean success) {
        stepCounters.computeIfAbsent(service + '/' + success, key -> Counter.builder("tributary.pnp.step.results")
                .tag("service", service).tag("success", Boolean.toString(success))
                .description("PnP provisioning step results").register(registry)).increment();
    }

    private record Decision(ServiceRequest request, boolean isStep, DeviceState state) {
    }
}
