package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.core.config.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;

/**
 * Observers over a wire that loses a seeded 30 % of the datagrams each way: each one ends with the newest value
 * (re-registering after Max-Age when notifications were lost), sees no value twice and none out of order, and no
 * relation outlives its observer.
 */
class ObserveLossyLinkTest {

    private static final int OBSERVERS = 20;
    private static final int CHANGES = 40;

    @ParameterizedTest(name = "loss seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @DisplayName("RFC 7641 over 30 % loss: each observer reaches the newest value or ends, sees nothing twice;"
            + " no relation outlives its observer")
    void lossyObservers(long seed) {
        Settings config = StackConfig.defaults().with(StackConfig.NSTART, OBSERVERS);
        ObservedStub[] holder = new ObservedStub[1];
        Wire wire = new Wire(config, config, (request, peer, multicast) -> holder[0].responder()
                .respond(request, peer, multicast), seed, 0.3);
        ObservedStub resource = new ObservedStub(wire.serverState.observations());
        holder[0] = resource;
        resource.set(state(resource, 0));

        List<List<Integer>> seen = new ArrayList<>();
        List<AtomicBoolean> ended = new ArrayList<>();
        List<Disposable> observers = new ArrayList<>();
        for (int i = 0; i < OBSERVERS; i++) {
            List<Integer> values = new ArrayList<>();
            AtomicBoolean end = new AtomicBoolean();
            seen.add(values);
            ended.add(end);
            CoapMessage get = CoapMessage.builder(CoapType.CON, CoapCode.GET)
                    .options(CoapOptions.builder().uriPath("/obs").build()).build();
            observers.add(wire.client.client().observe(get, Wire.SERVER, i % 2 == 0, MessageResults.INSTANCE, 4096)
                    .subscribe(message -> values.add(Integer.valueOf(message.payloadUtf8())), error -> end.set(true),
                            () -> end.set(true)));
        }
        wire.run(Duration.ofSeconds(120), Duration.ofMillis(100));
        for (int value = 1; value <= CHANGES; value++) {
            resource.set(state(resource, value));
            wire.run(Duration.ofSeconds(1), Duration.ofMillis(100));
        }
        // Max-Age (20 s) and the margin pass without a notification: every observer that missed one re-registers.
        wire.run(Duration.ofSeconds(200), Duration.ofMillis(100));
        int live = 0;
        for (int i = 0; i < OBSERVERS; i++) {
            List<Integer> values = seen.get(i);
            assertThat(values).as("observer %d: no value twice, none out of order", i).isSorted()
                    .doesNotHaveDuplicates();
            if (!ended.get(i).get()) {
                live++;
                assertThat(values).as("observer %d ends with the newest value", i).last().isEqualTo(CHANGES);
            }
        }
        assertThat(live).as("observers whose (re-)registration got through").isGreaterThan(OBSERVERS / 2);

        // A relation whose observer gave up is found at the next notification: RST, or no ACK.
        resource.set(state(resource, CHANGES + 1));
        wire.run(Duration.ofSeconds(200), Duration.ofMillis(100));
        assertThat(wire.server.observeRelations()).as("relations of live observers only").isEqualTo(live);

        observers.forEach(Disposable::dispose);
        resource.set(state(resource, CHANGES + 2));
        wire.run(Duration.ofSeconds(400), Duration.ofMillis(100));
        // A NON relation whose deregistration and RST were both lost is found by the CON check (§4.5): after 24 h
        // its next notification is CON, and a forgotten token answers it with RST.
        wire.run(Duration.ofHours(24), Duration.ofMinutes(10));
        resource.set(state(resource, CHANGES + 3));
        wire.run(Duration.ofSeconds(400), Duration.ofMillis(100));
        assertThat(wire.client.client().observing()).isZero();
        assertThat(wire.server.observeRelations()).as("relations left after every observer cancelled").isZero();
        assertThat(resource.observers()).isZero();
    }

    private static Response state(ObservedStub resource, int value) {
        Response text = resource.text(String.valueOf(value));
        return new DerivedResponse(text.code(), text.options().withUint(CoapOption.MAX_AGE,
                20), text.payload(), resource);
    }
}
