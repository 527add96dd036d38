package io.tributary.bench.coap;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.tributary.coap.CoapResponse;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.stack.CoapStack;
import io.tributary.coap.stack.EndpointState;
import io.tributary.coap.stack.MessageResults;
import io.tributary.coap.stack.OutboundProbe;
import io.tributary.coap.stack.StackConfig;
import io.tributary.core.config.Settings;
import io.tributary.core.time.VirtualClock;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Heap per CON exchange in flight: 100,000 client GETs (no payload) awaiting their ACK, spread over 16 peers, each
 * with its request message, token, retransmission timer and subscriber; and heap per deduplication entry: 100,000
 * CON requests remembered by a server with their piggybacked replies. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar io.tributary.bench.coap.ExchangeFootprint}.
 */
public final class ExchangeFootprint {

    private static final int EXCHANGES = 100_000;

    private ExchangeFootprint() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.printf("client CON exchanges in flight: %.0f bytes each%n", clientExchanges());
        System.out.printf("server deduplication entries (with stored replies): %.0f bytes each%n", dedupEntries());
    }

    private static double clientExchanges() {
        Settings config = StackConfig.defaults().with(StackConfig.NSTART, 10_000);
        CoapStack stack = new CoapStack(config, OutboundProbe.counting(), new VirtualClock(),
                new EndpointState(config, 1), null, 1L);
        CoapMessage get = CoapMessage.builder(CoapType.CON, CoapCode.GET)
                .options(CoapOptions.builder().uriPath("/sensors/temp").build()).build();
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            peers.add(new InetSocketAddress("10.0.0." + (i + 1), 5683));
        }
        List<Disposable> warm = new ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
            warm.add(stack.client().request(get, peers.get(i % 16), true, MessageResults.INSTANCE).subscribe());
        }
        warm.forEach(Disposable::dispose);
        // Allocated before the first measurement: the handles are this program's bookkeeping, not the stack's.
        Disposable[] inFlight = new Disposable[EXCHANGES];
        long before = Heap.used();
        for (int i = 0; i < EXCHANGES; i++) {
            inFlight[i] = stack.client().request(get, peers.get(i % 16), true, MessageResults.INSTANCE).subscribe();
        }
        long after = Heap.used();
        if (stack.client().inFlight() != EXCHANGES || stack.pendingTimers() != EXCHANGES) {
            throw new IllegalStateException("expected " + EXCHANGES + " exchanges in flight, found "
                    + stack.client().inFlight());
        }
        Heap.keep(inFlight);
        return (after - before) / (double) EXCHANGES;
    }

    private static double dedupEntries() {
        Settings config = StackConfig.defaults();
        CoapResponse ok = CoapResponse.content("ok");
        CoapStack stack = new CoapStack(config, OutboundProbe.counting(), new VirtualClock(),
                new EndpointState(config, 1), (request, peer, multicast) -> Mono.just(ok), 1L);
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            peers.add(new InetSocketAddress("10.0." + (i >> 8) + "." + (i & 255), 40000 + i));
        }
        CoapMessage[] requests = new CoapMessage[EXCHANGES];
        for (int i = 0; i < EXCHANGES; i++) {
            requests[i] = CoapMessage.builder(CoapType.CON, CoapCode.GET).messageId(i / 200).token(new byte[] {1, 2})
                    .options(CoapOptions.builder().uriPath("/r").build()).build();
        }
        long before = Heap.used();
        for (int i = 0; i < EXCHANGES; i++) {
            stack.receive(requests[i], peers.get(i % 200), false);
        }
        long after = Heap.used();
        if (stack.dedupSize() != EXCHANGES) {
            throw new IllegalStateException("expected " + EXCHANGES + " entries, found " + stack.dedupSize());
        }
        // The requests are this program's input; keep them reachable so the measurement does not free them.
        Heap.keep(requests);
        return (after - before) / (double) EXCHANGES;
    }
}
