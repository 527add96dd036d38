package io.tributary.coap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.core.config.Settings;
import io.tributary.core.time.VirtualClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two channels on one port: the client side lives on the first; the kernel may deliver its traffic to the second. */
class ForwardingTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.10", 5683);

    private final VirtualClock clock = new VirtualClock();
    private final OutboundProbe.Loops loops = new OutboundProbe.Loops();
    private final OutboundProbe first = loops.probe(clock);
    private final OutboundProbe second = loops.probe(clock);
    private final Settings config = StackConfig.defaults();
    private final EndpointState endpoint = new EndpointState(config, 2);
    private final StackCounters counters = endpoint.counters();
    private final CoapStack client = new CoapStack(config, first, clock, endpoint, null, 1);
    private final CoapStack other = new CoapStack(config, second, clock, endpoint, null, 2, client);
    private final List<CoapMessage> responses = new ArrayList<>();

    private CoapMessage requestSent() {
        CoapMessage get = CoapMessage.builder(CoapType.CON, CoapCode.GET)
                .options(CoapOptions.builder().uriPath("/temp").build()).build();
        loops.run(first, () -> client.client().request(get, SERVER, true, MessageResults.INSTANCE)
                .subscribe(responses::add));
        return first.take().get(0).message();
    }

    @Test
    @DisplayName("a separate CON response arriving on another channel is matched and acknowledged on the client's"
            + " loop, in one hop")
    void separateResponseOneHop() {
        CoapMessage request = requestSent();
        loops.run(second, () -> other.receive(CoapMessage.empty(CoapType.ACK, request.messageId()), SERVER, false));
        CoapMessage response = CoapMessage.builder(CoapType.CON, CoapCode.CONTENT).messageId(900)
                .token(request.token()).payload(new byte[] {'2', '1'}).build();
        int before = second.executed();
        loops.run(second, () -> other.receive(response, SERVER, false));
        assertThat(responses).extracting(CoapMessage::payloadUtf8).containsExactly("21");
        assertThat(first.take()).singleElement().satisfies(sent -> {
            assertThat(sent.message()).isEqualTo(CoapMessage.empty(CoapType.ACK, 900));
            assertThat(sent.recipient()).isEqualTo(SERVER);
        });
        assertThat(second.executed() - before).as("tasks sent back to the receiving loop").isZero();
        assertThat(second.sent()).isEmpty();
    }

    @Test
    @DisplayName("§4.5: a duplicate of that response, again on the other channel, gets the same ACK, delivered once")
    void duplicateOnOtherChannel() {
        CoapMessage request = requestSent();
        CoapMessage response = CoapMessage.builder(CoapType.CON, CoapCode.CONTENT).messageId(901)
                .token(request.token()).build();
        loops.run(second, () -> other.receive(response, SERVER, false));
        loops.run(second, () -> other.receive(response, SERVER, false));
        assertThat(responses).hasSize(1);
        assertThat(first.take()).extracting(OutboundProbe.Sent::message)
                .containsExactly(CoapMessage.empty(CoapType.ACK, 901), CoapMessage.empty(CoapType.ACK, 901));
        assertThat(counters.duplicates.sum()).isEqualTo(1);
    }
}
