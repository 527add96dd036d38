package io.tributary.pnp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.TopicFilter;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
import io.tributary.core.testing.LeakCheck;
import io.tributary.pnp.message.CliExecRequest;
import io.tributary.pnp.message.DeviceInfoRequest;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.provision.Finish;
import io.tributary.pnp.provision.ProvisioningPlan;
import io.tributary.pnp.provision.Rule;
import io.tributary.pnp.provision.Steps;
import io.tributary.pnp.sim.AgentEvent;
import io.tributary.pnp.sim.SimulatedAgent;
import io.tributary.pnp.store.DeviceState;
import io.tributary.pnp.store.StepResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Many simulated agents against one gateway at once; bounded by the global per-test timeout, not by a clock. */
class PnpManyDevicesTest {

    static final int DEVICES = 1_000;

    @TempDir
    Path dir;

    @Test
    @DisplayName("1,000 simulated devices provisioned concurrently all end DONE, each with its own state and topics")
    void thousandDevices() throws Exception {
        // Paranoid leak tracking of a thousand agents' exchanges takes minutes; sampled detection still reports leaks.
        try (AutoCloseable sampled = LeakCheck.sampled()) {
            provisionAll();
        }
    }

    private void provisionAll() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Rule all = Rule.forAll("fleet", List.of(Steps.request(new DeviceInfoRequest(DeviceInfoRequest.Type.UDI)),
                Steps.request(CliExecRequest.of("show version"))), Finish.terminateProvisioning());
        PnpAdapter adapter = PnpAdapter.create(PnpConfig.defaults().with(PnpConfig.DATA_DIR, dir.toString()))
                .plan(ProvisioningPlan.defaults().withRules(List.of(all))).clock(time);
        RunningGateway gateway = Gateway.create().host("127.0.0.1").port(0).meterRegistry(new SimpleMeterRegistry())
                .adapter(adapter).start().block();
        try {
            String base = "http://127.0.0.1:" + gateway.httpAddress().getPort();
            Flux<AgentEvent.Kind> lastOfEach = Flux.range(0, DEVICES)
                    .flatMap(i -> SimulatedAgent.create(base, new Udi("WS-C2960X-48FPD-L", "V02",
                            String.format("FOC%07d", i))).scheduler(time).run().last(), DEVICES)
                    .map(AgentEvent::kind);
            StepVerifier.create(lastOfEach)
                    .expectNextSequence(Collections.nCopies(DEVICES, AgentEvent.Kind.TERMINATED))
                    .verifyComplete();
            assertThat(adapter.store().size()).isEqualTo(DEVICES);
            assertThat(adapter.store().count(DeviceState.DONE)).isEqualTo(DEVICES);
            StepVerifier.create(gateway.router().retained(TopicFilter.of("pnp/+/state"))
                            .map(state -> state.payloadUtf8().contains("\"state\":\"DONE\"")))
                    .expectNextSequence(Collections.nCopies(DEVICES, true))
                    .verifyComplete();
            StepVerifier.create(gateway.router().retained(TopicFilter.of("pnp/+/cli-exec")))
                    .expectNextCount(DEVICES)
                    .verifyComplete();
            assertThat(adapter.store().results("FOC0000999").block()).extracting(StepResult::service)
                    .containsExactly("device-info", "cli-exec");
        } finally {
            StepVerifier.create(gateway.stop()).verifyComplete();
            time.dispose();
        }
    }
}
