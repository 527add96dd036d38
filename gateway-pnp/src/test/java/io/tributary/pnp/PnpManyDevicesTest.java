package io.tributary.pnp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.TopicFilter;
import io.tributary.core.gateway.Gateway;
import io.tributary.core.gateway.RunningGateway;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

class PnpManyDevicesTest {

    static final int DEVICES = 1_000;

    @TempDir
    Path dir;

    @Test
    @DisplayName("1,000 simulated devices provisioned concurrently all end DONE, each with its own state and topics")
    void thousandDevices() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Rule all = Rule.forAll("fleet", List.of(Steps.request(new DeviceInfoRequest(DeviceInfoRequest.Type.UDI)),
                Steps.request(CliExecRequest.of("show version"))), Finish.terminateProvisioning());
        PnpAdapter adapter = PnpAdapter.create(PnpConfig.defaults().with(PnpConfig.DATA_DIR, dir.toString()))
                .plan(ProvisioningPlan.defaults().withRules(List.of(all))).clock(time);
        RunningGateway gateway = Gateway.create().host("127.0.0.1").port(0).meterRegistry(new SimpleMeterRegistry())
                .adapter(adapter).start().block(Duration.ofSeconds(30));
        try {
            String base = "http://127.0.0.1:" + gateway.httpAddress().getPort();
            List<AgentEvent> last = Flux.range(0, DEVICES)
                    .flatMap(i -> SimulatedAgent.create(base, new Udi("WS-C2960X-48FPD-L", "V02",
                            String.format("FOC%07d", i))).scheduler(time).run().last(), DEVICES)
                    .collectList().block(Duration.ofSeconds(120));
            assertThat(last).hasSize(DEVICES).allMatch(event -> event.kind() == AgentEvent.Kind.TERMINATED);
            assertThat(adapter.store().count(DeviceState.DONE)).isEqualTo(DEVICES);
            assertThat(adapter.store().size()).isEqualTo(DEVICES);
            assertThat(gateway.router().retained(TopicFilter.of("pnp/+/cli-exec")).count().block())
                    .isEqualTo(DEVICES);
            assertThat(adapter.store().results("FOC0000999").block()).hasSize(2);
        } finally {
            gateway.stop().block(Duration.ofSeconds(30));
            time.dispose();
        }
    }
}
