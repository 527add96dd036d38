package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.core.config.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/** Client and server stacks joined by a wire that loses a seeded 30 % of datagrams in each direction. */
class LossyLinkTest {

    private static final int REQUESTS = 300;

    @ParameterizedTest(name = "loss seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @DisplayName("every CON request completes exactly once or fails with a timeout; no handler runs twice")
    void lossyLink(long seed) {
        Map<String, Integer> handled = new HashMap<>();
        Settings config = StackConfig.defaults().with(StackConfig.NSTART, 16);
        Responder responder = (request, peer, multicast) -> {
            String path = String.join("/", request.options().uriPath());
            handled.merge(path, 1, Integer::sum);
            return Mono.just(StackHarness.text(CoapCode.CONTENT, path));
        };
        Wire wire = new Wire(config, config, responder, seed, 0.3);
        CoapStack client = wire.client;

        List<List<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            List<Object> signals = new ArrayList<>();
            outcomes.add(signals);
            CoapMessage get = CoapMessage.builder(CoapType.CON, CoapCode.GET)
                    .options(CoapOptions.builder().uriPath("/item/" + i).build()).build();
            client.client().request(get, Wire.SERVER, true, MessageResults.INSTANCE).subscribe(
                    response -> signals.add(response.payloadUtf8()), signals::add, () -> signals.add("complete"));
        }
        for (int step = 0; step < 40_000 && client.client().inFlight() > 0; step++) {
            wire.deliver();
            wire.timer.advance(Duration.ofMillis(10));
        }

        int succeeded = 0;
        for (int i = 0; i < REQUESTS; i++) {
            List<Object> signals = outcomes.get(i);
            if (signals.size() == 2) {
                assertThat(signals).as("request %d", i).containsExactly("item/" + i, "complete");
                assertThat(handled.get("item/" + i)).as("handler runs of request %d", i).isEqualTo(1);
                succeeded++;
            } else {
                assertThat(signals).as("request %d", i).singleElement().isInstanceOfSatisfying(ExchangeFailure.class,
                        failure -> assertThat(failure.reason()).isEqualTo(ExchangeFailure.Reason.TIMEOUT));
                assertThat(handled.getOrDefault("item/" + i, 0)).isLessThanOrEqualTo(1);
            }
        }
        assertThat(handled.values()).allMatch(count -> count == 1);
        assertThat(succeeded).as("requests that got through 30 %% loss").isGreaterThan(REQUESTS * 8 / 10);
        assertThat(client.client().inFlight()).isZero();
    }
}
