package io.tributary.upnp.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tributary.core.time.VirtualClock;
import io.tributary.upnp.event.PropertySet;
import io.tributary.upnp.testing.Await;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class MulticastSinkTest {

    @Test
    @DisplayName("UDA 2.0 §4.3.3: the changes of variables marked multicast go to the sink after moderation, the"
            + " others not")
    void marked() {
        List<String> multicast = new CopyOnWriteArrayList<>();
        VirtualClock clock = new VirtualClock();
        StateVariables state = StateVariables.of(Map.of("Temperature", "20", "Door", "closed"));
        RunningPublisher publisher = GenaPublisher.create().clock(clock)
                .service(EventedService.create("/k", state).multicast("Temperature")
                        .moderate("Temperature", Moderation.none().maximumRate(Duration.ofSeconds(10))))
                .multicast((service, changes) -> multicast.add(service.path() + " " + changes.toMap()))
                .start().block(Duration.ofSeconds(10));
        try {
            state.set(PropertySet.of(Map.of("Temperature", "21", "Door", "open")));
            state.set("Temperature", "22");
            state.set("Door", "closed");
            // Fan-out runs on an event loop of the publisher; the held 22 arms moderation's one timer.
            Await.until("Temperature=22 held", () -> clock.pending() == 1);
            assertThat(multicast).containsExactly("/k {Temperature=21}");
            clock.advance(Duration.ofSeconds(10));
            assertThat(multicast).containsExactly("/k {Temperature=21}", "/k {Temperature=22}");
        } finally {
            StepVerifier.create(publisher.stop()).expectComplete().verify(Duration.ofSeconds(10));
        }
    }
}
