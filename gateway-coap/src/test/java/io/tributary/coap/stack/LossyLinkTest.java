package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.tributary.core.config.Settings;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapTimeoutException;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.core.time.VirtualClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client and server stacks joined by a wire that loses a seeded 30 % of datagrams in each direction. */
class LossyLinkTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.2", 5683);
    private static final int REQUESTS = 300;

    private record Datagram(CoapMessage message, InetSocketAddress from, InetSocketAddress to) {
    }

    /** The channel of one side: what it sends goes onto the shared wire. */
    private static final class End implements Outbound {
        final InetSocketAddress address;
        final ArrayDeque<Datagram> wire;

        End(InetSocketAddress address, ArrayDeque<Datagram> wire) {
            this.address = address;
            this.wire = wire;
        }

        @Override
        public void send(CoapMessage message, InetSocketAddress recipient) {
            wire.add(new Datagram(message, address, recipient));
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public boolean inEventLoop() {
            return true;
        }
    }

    @ParameterizedTest(name = "loss seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @DisplayName("every CON request completes exactly once or fails with a timeout; no handler runs twice")
    void lossyLink(long seed) {
        VirtualClock timer = new VirtualClock();
        ArrayDeque<Datagram> wire = new ArrayDeque<>();
        Random loss = new Random(seed);
        Map<String, Integer> handled = new HashMap<>();
        Settings config = StackConfig.defaults().with(StackConfig.NSTART, 16);
        Responder responder = (request, peer, multicast) -> {
            String path = String.join("/", request.options().uriPath());
            handled.merge(path, 1, Integer::sum);
            return reactor.core.publisher.Mono.just(CoapResponse.content(path));
        };
        CoapStack server = new CoapStack(config, new End(SERVER, wire), timer, new CoapStats(),
                CoapStack.messageIds(config), responder, seed, true);
        CoapStack client = new CoapStack(config, new End(CLIENT, wire), timer, new CoapStats(),
                CoapStack.messageIds(config), null, seed + 100, true);

        List<List<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            List<Object> signals = new ArrayList<>();
            outcomes.add(signals);
            CoapMessage get = CoapMessage.builder(CoapType.CON, CoapCode.GET)
                    .options(CoapOptions.builder().uriPath("/item/" + i).build()).build();
            client.client().request(get, SERVER, true).subscribe(
                    response -> signals.add(response.payloadUtf8()), signals::add, () -> signals.add("complete"));
        }
        for (int step = 0; step < 40_000 && client.client().inFlight() > 0; step++) {
            Datagram datagram;
            while ((datagram = wire.poll()) != null) {
                if (loss.nextDouble() < 0.3) {
                    continue;
                }
                (datagram.to().equals(SERVER) ? server : client).receive(datagram.message(), datagram.from(), false);
            }
            timer.advance(Duration.ofMillis(10));
        }

        int succeeded = 0;
        for (int i = 0; i < REQUESTS; i++) {
            List<Object> signals = outcomes.get(i);
            if (signals.size() == 2) {
                assertThat(signals).as("request %d", i).containsExactly("item/" + i, "complete");
                assertThat(handled.get("item/" + i)).as("handler runs of request %d", i).isEqualTo(1);
                succeeded++;
            } else {
                assertThat(signals).as("request %d", i).singleElement().isInstanceOf(CoapTimeoutException.class);
                assertThat(handled.getOrDefault("item/" + i, 0)).isLessThanOrEqualTo(1);
            }
        }
        assertThat(handled.values()).allMatch(count -> count == 1);
        assertThat(succeeded).as("requests that got through 30 %% loss").isGreaterThan(REQUESTS * 8 / 10);
        assertThat(client.client().inFlight()).isZero();
    }
}
