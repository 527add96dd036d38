package io.tributary.bench.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.stack.CoapStack;
import io.tributary.coap.stack.EndpointState;
import io.tributary.coap.stack.ObservableResource;
import io.tributary.coap.stack.Observations;
import io.tributary.coap.stack.OutboundProbe;
import io.tributary.coap.stack.Response;
import io.tributary.coap.stack.StackConfig;
import io.tributary.core.config.Settings;
import io.tributary.core.time.VirtualClock;
import reactor.core.publisher.Mono;

/**
 * Heap per observe relation (RFC 7641) held by a server stack: 100,000 relations of one resource, registered by
 * GET with Observe 0 from 10,000 peers (10 tokens each) and from 100,000 peers (one each), measured once the
 * registrations' deduplication entries have expired, so only the relations and their peers' state remain (and,
 * for NON registrations, the message-ID sequence each peer gets with our first NON to it). Run with
 * {@code java -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar io.tributary.bench.coap.ObserveFootprint}.
 */
public final class ObserveFootprint {

    private static final int RELATIONS = 100_000;

    private ObserveFootprint() {
    }

    /** A resource whose state answers every GET. */
    private static final class Resource extends ObservableResource {
        Resource(Observations observations) {
            super(observations);
        }

        @Override
        protected void idle() {
        }
    }

    /** The resource's state. */
    private record State(CoapCode code, CoapOptions options, byte[] payload, ObservableResource observable)
            implements Response {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.printf("observe relations, 10 per peer, NON registrations: %.0f bytes each%n",
                perRelation(10, CoapType.NON));
        System.out.printf("observe relations, 1 per peer, CON registrations: %.0f bytes each%n",
                perRelation(1, CoapType.CON));
        System.out.printf("observe relations, 1 per peer, NON registrations: %.0f bytes each (with the peer's"
                + " message-ID sequence of our NON response)%n", perRelation(1, CoapType.NON));
    }

    private static double perRelation(int perPeer, CoapType type) {
        Settings config = StackConfig.defaults().with(StackConfig.MAX_OBSERVERS, RELATIONS)
                .with(StackConfig.MAX_OBSERVERS_PER_PEER, perPeer).with(StackConfig.DEDUP_TOTAL, 2 * RELATIONS)
                .with(StackConfig.MAX_PEERS, 2 * RELATIONS);
        VirtualClock clock = new VirtualClock();
        EndpointState endpoint = new EndpointState(config, 1);
        Resource resource = new Resource(endpoint.observations());
        Response state = new State(CoapCode.CONTENT, CoapOptions.EMPTY.withUint(CoapOption.CONTENT_FORMAT, 0),
                "21.5".getBytes(StandardCharsets.UTF_8), resource);
        resource.changed(state);
        CoapStack stack = new CoapStack(config, OutboundProbe.counting(), clock, endpoint,
                (request, peer, multicast) -> {
                    resource.answering();
                    return Mono.just(state);
                }, 1L);
        int peers = RELATIONS / perPeer;
        InetSocketAddress[] addresses = new InetSocketAddress[peers];
        for (int p = 0; p < peers; p++) {
            addresses[p] = new InetSocketAddress("10." + (p >> 16) + "." + ((p >> 8) & 255) + "." + (p & 255),
                    40000);
        }
        CoapOptions options = CoapOptions.builder().uriPath("/sensors/temp")
                .addUint(CoapOption.OBSERVE, 0).build();
        long before = Heap.used();
        for (int i = 0; i < RELATIONS; i++) {
            int token = i / peers;
            stack.receive(CoapMessage.builder(type, CoapCode.GET).messageId(i & 0xffff)
                    .token(new byte[] {(byte) (token >> 8), (byte) token, 1, 2}).options(options).build(),
                    addresses[i % peers], false);
        }
        // The registrations' message IDs are forgotten after NON_LIFETIME; the relations stay.
        clock.advance(Duration.ofSeconds(300));
        long after = Heap.used();
        if (stack.observeRelations() != RELATIONS || stack.dedupSize() != 0) {
            throw new IllegalStateException("expected " + RELATIONS + " relations and no dedup entries, found "
                    + stack.observeRelations() + " and " + stack.dedupSize());
        }
        // The addresses are this program's input (Netty makes one per datagram too); keep them reachable.
        Heap.keep(addresses);
        Heap.keep(stack);
        return (after - before) / (double) RELATIONS;
    }
}
