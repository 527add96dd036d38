package io.tributary.upnp.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.core.time.VirtualClock;
import io.tributary.upnp.event.PropertySet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The thread that publishes a change only queues it; the fan-out executor does the fan-out, bounded. */
class ServiceRuntimeTest {

    private final Queue<Runnable> fanOutLoop = new ArrayDeque<>();
    private final List<PropertySet> fannedOut = new ArrayList<>();
    private final StateVariables state = StateVariables.of(Map.of("Temp", "0", "Mode", "off"));
    private final ServiceRuntime runtime = new ServiceRuntime(
            EventedService.create("/upnp/event/room", state).multicast("Temp").multicast("Mode"),
            new VirtualClock(), fanOutLoop::add, new SimpleMeterRegistry().counter("moderated"),
            (service, properties) -> fannedOut.add(properties));

    @AfterEach
    void stop() {
        runtime.stop();
    }

    @Test
    @DisplayName("set() returns having only queued the change; it is fanned out when the fan-out executor runs")
    void publisherOnlyQueues() {
        runtime.start();

        state.set("Temp", "21");

        assertThat(fannedOut).as("nothing fanned out on the publishing thread").isEmpty();
        assertThat(fanOutLoop).hasSize(1);
        runAll();
        assertThat(fannedOut).containsExactly(PropertySet.of("Temp", "21"));
    }

    @Test
    @DisplayName("while the fan-out executor is blocked, 10,000 changes wait as at most 256, the newest values kept")
    void blockedFanOutStaysBounded() {
        runtime.start();

        for (int i = 1; i <= 10_000; i++) {
            state.set(i % 2 == 0 ? "Temp" : "Mode", Integer.toString(i));
        }

        assertThat(fannedOut).isEmpty();
        runAll();
        assertThat(fannedOut).hasSize(256);
        assertThat(fannedOut.subList(0, 255)).as("the first 255 changes kept apart")
                .allSatisfy(change -> assertThat(change.size()).isEqualTo(1));
        assertThat(fannedOut.get(0)).isEqualTo(PropertySet.of("Mode", "1"));
        assertThat(fannedOut.get(255).toMap()).as("the rest merged into the last waiting change")
                .isEqualTo(Map.of("Temp", "10000", "Mode", "9999"));
    }

    @Test
    @DisplayName("after stop() a change is neither queued nor fanned out")
    void stopped() {
        runtime.start();
        runtime.stop();

        state.set("Temp", "22");

        runAll();
        assertThat(fannedOut).isEmpty();
    }

    @Test
    @DisplayName("a change whose fan-out throws is skipped; the next one is fanned out")
    void failedFanOutDoesNotEndEvents() {
        List<PropertySet> sent = new ArrayList<>();
        ServiceRuntime failingOnce = new ServiceRuntime(
                EventedService.create("/upnp/event/room", state).multicast("Temp"), new VirtualClock(),
                fanOutLoop::add, new SimpleMeterRegistry().counter("moderated"), (service, properties) -> {
                    if (properties.get("Temp").equals("bad")) {
                        throw new IllegalStateException("sink refused");
                    }
                    sent.add(properties);
                });
        failingOnce.start();
        try {
            state.set("Temp", "bad");
            runAll();
            state.set("Temp", "23");
            runAll();
        } finally {
            failingOnce.stop();
        }
        assertThat(sent).containsExactly(PropertySet.of("Temp", "23"));
    }

    private void runAll() {
        Runnable task;
        while ((task = fanOutLoop.poll()) != null) {
            task.run();
        }
    }
}
