package io.tributary.pnp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.provision.ClaimRefusedException;
import io.tributary.pnp.provision.DeviceProgress;
import io.tributary.pnp.provision.Finish;
import io.tributary.pnp.provision.ProvisioningPlan;
import io.tributary.pnp.provision.RetryPolicy;
import io.tributary.pnp.provision.Rule;
import io.tributary.pnp.provision.Steps;
import io.tributary.pnp.sim.AgentEvent;
import io.tributary.pnp.sim.Failure;
import io.tributary.pnp.sim.SimulatedAgent;
import io.tributary.pnp.store.DeviceClaim;
import io.tributary.pnp.store.DeviceState;
import io.tributary.pnp.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The operator's claim workflow: unclaimed devices, claims that survive restarts, retries of failed devices. */
class PnpClaimTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Udi SWITCH = new Udi("C9300-24T", "V01", "FOC2233X0AB");

    @TempDir
    Path dir;

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private RunningGateway gateway;
    private PnpAdapter adapter;
    private String baseUrl;

    @BeforeEach
    void files() throws Exception {
        Path files = Files.createDirectories(dir.resolve("data/files"));
        Files.writeString(files.resolve("edge.cfg"), "hostname ${hostname}\nsnmp-server location ${site}\n");
        Files.write(files.resolve("c9300.bin"), new byte[1000]);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            StepVerifier.create(gateway.stop()).expectComplete().verify(TIMEOUT);
        }
        time.dispose();
    }

    /** A rule named edge for another serial only: the switch is unknown until claimed. */
    private static ProvisioningPlan plan(RetryPolicy retry) {
        Rule edge = new Rule("edge", Set.of("NOT-THIS-ONE"), null, List.of(
                new Steps.ConfigUpgrade("edge.cfg", null, null), new Steps.ImageInstall("c9300.bin", null, null)),
                Finish.terminateProvisioning(), "edge-1", Map.of("site", "lab"));
        ProvisioningPlan defaults = ProvisioningPlan.defaults();
        return new ProvisioningPlan(List.of(edge), defaults.unknownDevices(), retry, Map.of());
    }

    private void start(int port, RetryPolicy retry) {
        adapter = PnpAdapter.create(PnpConfig.defaults().with(PnpConfig.DATA_DIR, dir.resolve("data").toString()))
                .clock(time).plan(plan(retry));
        gateway = Gateway.create().host("127.0.0.1").port(port).meterRegistry(new SimpleMeterRegistry())
                .adapter(adapter).start().block(TIMEOUT);
        baseUrl = "http://127.0.0.1:" + gateway.httpAddress().getPort();
    }

    private void start() {
        start(0, ProvisioningPlan.defaults().retry());
    }

    private SimulatedAgent agent() {
        return SimulatedAgent.create(baseUrl, SWITCH).scheduler(time);
    }

    private void restart() {
        int port = gateway.httpAddress().getPort();
        StepVerifier.create(gateway.stop()).expectComplete().verify(TIMEOUT);
        start(port, ProvisioningPlan.defaults().retry());
    }

    private static Predicate<AgentEvent> answered(Service service, boolean success) {
        return event -> event.kind() == AgentEvent.Kind.ANSWERED && event.service() == service
                && event.success() == success;
    }

    private static Predicate<AgentEvent> waiting(Duration delay) {
        return event -> event.kind() == AgentEvent.Kind.WAITING && delay.equals(event.delay());
    }

    private static Predicate<AgentEvent> kind(AgentEvent.Kind kind) {
        return event -> event.kind() == kind;
    }

    @Test
    @DisplayName("a parked unknown device is unclaimed; claimed for a rule, it gets that rule's first step with the"
            + " claim's variables at its next work request")
    void claimMovesDeviceToRule() {
        start();
        StepVerifier.create(agent().run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.DEVICE_INFO, true))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(waiting(Duration.ofHours(1)))
                .then(() -> {
                    StepVerifier.create(adapter.devices())
                            .assertNext(progress -> {
                                assertThat(progress.unclaimed()).isTrue();
                                assertThat(progress.steps()).isEqualTo(1);
                                assertThat(progress.device().state()).isEqualTo(DeviceState.BACKED_OFF);
                            }).verifyComplete();
                    StepVerifier.create(adapter.claim(SWITCH.serial(), "edge", Map.of("site", "roof"), "alice"))
                            .assertNext(device -> {
                                assertThat(device.rule()).isEqualTo("edge");
                                assertThat(device.state()).isEqualTo(DeviceState.NEW);
                                assertThat(device.step()).isZero();
                            }).verifyComplete();
                    time.advanceTimeBy(Duration.ofHours(1));
                })
                .expectNextMatches(answered(Service.CONFIG_UPGRADE, true))
                .expectNextMatches(answered(Service.IMAGE_INSTALL, true))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(kind(AgentEvent.Kind.TERMINATED))
                .expectComplete().verify(TIMEOUT);
        assertThat(Http.to(baseUrl).get("/pnp/files/config/FOC2233X0AB/edge.cfg").body())
                .as("the claim's site replaces the rule's")
                .isEqualTo("hostname edge-1\nsnmp-server location roof\n");
        DeviceProgress progress = adapter.devices().blockFirst(TIMEOUT);
        assertThat(progress.unclaimed()).isFalse();
        assertThat(progress.steps()).isEqualTo(2);
        assertThat(progress.device().state()).isEqualTo(DeviceState.DONE);
        assertThat(progress.claim()).isEqualTo(new DeviceClaim(SWITCH.serial(), "edge", Map.of("site", "roof"),
                "alice", 0));
    }

    @Test
    @DisplayName("a claim is stored: after a gateway restart the device still follows the claimed rule")
    void claimSurvivesRestart() {
        start();
        StepVerifier.create(agent().run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.DEVICE_INFO, true))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(waiting(Duration.ofHours(1)))
                .then(() -> {
                    adapter.claim(SWITCH.serial(), "edge", Map.of(), "bob").block(TIMEOUT);
                    restart();
                    assertThat(adapter.devices().blockFirst(TIMEOUT).claim().rule()).isEqualTo("edge");
                    time.advanceTimeBy(Duration.ofHours(1));
                })
                .expectNextMatches(answered(Service.CONFIG_UPGRADE, true))
                .thenCancel().verify(TIMEOUT);
        assertThat(Http.to(baseUrl).get("/pnp/files/config/FOC2233X0AB/edge.cfg").body())
                .isEqualTo("hostname edge-1\nsnmp-server location lab\n");
    }

    @Test
    @DisplayName("a claim naming a device never seen, or a rule that is not configured, is refused with its reason")
    void refusedClaims() {
        start();
        StepVerifier.create(adapter.claim("NOBODY", "edge", Map.of(), "alice"))
                .expectErrorSatisfies(error -> assertThat(((ClaimRefusedException) error).reason())
                        .isEqualTo(ClaimRefusedException.Reason.UNKNOWN_DEVICE))
                .verify(TIMEOUT);
        StepVerifier.create(agent().run()).expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.DEVICE_INFO, true)).thenCancel().verify(TIMEOUT);
        StepVerifier.create(adapter.claim(SWITCH.serial(), "core", Map.of(), "alice"))
                .expectErrorSatisfies(error -> assertThat(((ClaimRefusedException) error).reason())
                        .isEqualTo(ClaimRefusedException.Reason.UNKNOWN_RULE))
                .verify(TIMEOUT);
        StepVerifier.create(adapter.claim(SWITCH.serial(), "unknown-devices", Map.of(), "alice"))
                .expectErrorSatisfies(error -> assertThat(((ClaimRefusedException) error).reason())
                        .isEqualTo(ClaimRefusedException.Reason.UNKNOWN_RULE))
                .verify(TIMEOUT);
        assertThat(adapter.rules()).containsExactly("edge");
    }

    @Test
    @DisplayName("retry lets a FAILED device try its failed step again at its next work request; other states are"
            + " refused")
    void retryFailedDevice() {
        start(0, new RetryPolicy(1, Duration.ofMinutes(1), Duration.ofMinutes(30), 2.0));
        StepVerifier.create(agent().failing(new Failure(Service.IMAGE_INSTALL, 1, 1806, "Invalid image format")).run())
                .expectNextMatches(kind(AgentEvent.Kind.HELLO))
                .expectNextMatches(answered(Service.DEVICE_INFO, true))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(waiting(Duration.ofHours(1)))
                .then(() -> {
                    StepVerifier.create(adapter.retry(SWITCH.serial()))
                            .expectErrorSatisfies(error -> assertThat(((ClaimRefusedException) error).reason())
                                    .isEqualTo(ClaimRefusedException.Reason.NOT_FAILED))
                            .verify(TIMEOUT);
                    adapter.claim(SWITCH.serial(), "edge", Map.of(), "alice").block(TIMEOUT);
                    time.advanceTimeBy(Duration.ofHours(1));
                })
                .expectNextMatches(answered(Service.CONFIG_UPGRADE, true))
                .expectNextMatches(answered(Service.IMAGE_INSTALL, false))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(waiting(Duration.ofMinutes(30)))
                .then(() -> StepVerifier.create(adapter.retry(SWITCH.serial()))
                        .assertNext(device -> {
                            assertThat(device.state()).isEqualTo(DeviceState.PROVISIONING);
                            assertThat(device.step()).isEqualTo(1);
                            assertThat(device.attempts()).isZero();
                        }).verifyComplete())
                .then(() -> time.advanceTimeBy(Duration.ofMinutes(30)))
                .expectNextMatches(answered(Service.IMAGE_INSTALL, true))
                .expectNextMatches(answered(Service.BACKOFF, true))
                .expectNextMatches(kind(AgentEvent.Kind.TERMINATED))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(adapter.device(SWITCH.serial()))
                .assertNext(report -> {
                    assertThat(report.progress().device().state()).isEqualTo(DeviceState.DONE);
                    assertThat(report.results()).extracting(result -> result.service() + "/" + result.success())
                            .containsExactly("device-info/true", "config-upgrade/true", "image-install/false",
                                    "image-install/true");
                }).verifyComplete();
    }
}
