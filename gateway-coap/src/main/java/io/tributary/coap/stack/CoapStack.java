package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.tributary.coap.message.CoapFormatException;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapType;
import io.tributary.core.config.Settings;
import io.tributary.core.log.RateLimitedLog;
import io.tributary.core.time.SchedulingClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The protocol stack of one channel, confined to its event loop:
 * <pre>
 *   datagram ─► decoder ─► CoapStack.receive
 *      ├─ empty CON (ping) ─► RST
 *      ├─ request ─► ServerLayer: dedup ─► option checks ─┬─ plain ──────────────────────────────┐
 *      │                                                    └─ Block1/Block2/Observe:               │
 *      │                       BlockwiseLayer (reassemble Block1; 2.31, 4.08, 4.13) ─► ObserveLayer ─┤
 *      │                                                                                           ▼
 *      │   piggybacked / separate ◄─ BlockwiseLayer (cut Block2) ◄─ ObserveLayer (relation) ◄─ Responder
 *      ├─ response ─► (client stack) dedup ─► ClientLayer: match by (peer, token): exchange or
 *      │              observation (freshness, Block2 of notifications via BlockwiseClient) ─► ACK / RST
 *      └─ ACK / RST ─► Reliability: match by (peer, message ID) ─► owning exchange or CON notification;
 *                      RST to a NON notification ─► ObserveLayer
 *   ObservableResource.changed ─► Observations ─► each stack's loop ─► ObserveLayer ─► BlockwiseLayer ─► notifications
 * </pre>
 * With several channels on one port (SO_REUSEPORT) the kernel keeps a peer on one channel, so per-peer server state
 * needs no locks. The client side lives on one designated stack: the others hand it the responses, ACKs and RSTs
 * meant for it, and it handles them wholly on its own loop (one hop, never back).
 */
public final class CoapStack {

    private static final Logger LOG = LoggerFactory.getLogger(CoapStack.class);
    private static final RateLimitedLog BAD_INPUT = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    private final StackContext context;
    private final PeerTable peers;
    private final Deduplicator dedup;
    private final Reliability reliability;
    private final BlockwiseLayer blocks;
    private final ObserveLayer observe;
    private final ServerLayer server;
    private final ClientLayer client;
    private final CoapStack clientStack;

    /**
     * A stack that hosts the endpoint's client side.
     *
     * @param protocol protocol parameters, values of {@link StackConfig#SECTION}
     * @param outbound where messages go
     * @param clock drives retransmissions and expiries (the channel's event loop, or a virtual clock)
     * @param endpoint what the stacks of the endpoint share: counters, message IDs, observe relations
     * @param responder the server side, or {@code null} to answer every request with 4.04
     * @param seed seed of this stack's randomness (retransmission jitter, tokens, leisure)
     */
    public CoapStack(Settings protocol, Outbound outbound, SchedulingClock clock, EndpointState endpoint,
                     Responder responder, long seed) {
        this(protocol, outbound, clock, endpoint, responder, seed, null);
    }

    /**
     * A stack whose client side lives on another stack of the same endpoint.
     *
     * @param protocol protocol parameters, values of {@link StackConfig#SECTION}
     * @param outbound where messages go
     * @param clock drives retransmissions and expiries
     * @param endpoint what the stacks of the endpoint share
     * @param responder the server side, or {@code null} to answer every request with 4.04
     * @param seed seed of this stack's randomness
     * @param clientStack the stack hosting the client side, which gets the responses, ACKs and RSTs meant for it
     */
    public CoapStack(Settings protocol, Outbound outbound, SchedulingClock clock, EndpointState endpoint,
                     Responder responder, long seed, CoapStack clientStack) {
        TimerWheel wheel = new TimerWheel(clock, protocol.get(StackConfig.TIMER_TICK).toNanos(), 4096);
        StackCounters counters = endpoint.counters();
        this.context = new StackContext(outbound, wheel, counters, endpoint.messageIds(),
                new SplittableRandom(seed));
        this.peers = new PeerTable(protocol.get(StackConfig.MAX_PEERS));
        this.dedup = new Deduplicator(wheel, peers, StackConfig.exchangeLifetime(protocol).toNanos(),
                StackConfig.nonLifetime(protocol).toNanos(), protocol.get(StackConfig.DEDUP_PER_PEER),
                protocol.get(StackConfig.DEDUP_TOTAL), counters.dedupEvictions);
        this.reliability = new Reliability(context, peers, protocol);
        this.blocks = new BlockwiseLayer(context, protocol);
        this.observe = new ObserveLayer(context, peers, reliability, blocks, endpoint.observations(), protocol);
        this.server = new ServerLayer(context, peers, dedup, reliability, blocks, observe, responder, protocol);
        this.client = clientStack == null ? new ClientLayer(context, peers, reliability, protocol) : null;
        this.clientStack = clientStack == null ? this : clientStack;
    }

    /** @return the client side, or {@code null} if it lives on another stack */
    public ClientLayer client() {
        return client;
    }

    /** @return deduplication entries held */
    public int dedupSize() {
        return dedup.size();
    }

    /** @return peers tracked */
    public int peerCount() {
        return peers.size();
    }

    /** @return observe relations held by this stack (read without synchronisation, for gauges) */
    public int observeRelations() {
        return observe.relationCount();
    }

    /** @return a snapshot of this stack's observe relations, taken on its event loop; an error if its loop is shut down */
    public Mono<List<CoapObserver>> observers() {
        return Mono.create(sink -> observe.inLoop(() -> sink.success(observe.observers())));
    }

    /** @return bytes held by block-wise transfers in progress (read without synchronisation, for gauges) */
    public long transferBytes() {
        return blocks.bytesHeld();
    }

    /** @return timers armed (retransmissions, separate-response delays, response timeouts) */
    public int pendingTimers() {
        return context.wheel().size();
    }

    /**
     * Handles one well-formed message.
     *
     * @param message the message
     * @param sender who sent it
     * @param multicast whether it was addressed to a multicast group
     */
    public void receive(CoapMessage message, InetSocketAddress sender, boolean multicast) {
        switch (message.type()) {
            case CON:
                if (message.isEmpty()) {
                    // A CoAP ping (§4.3): answered with RST.
                    if (!multicast) {
                        reset(message.messageId(), sender);
                    }
                } else if (message.isRequest()) {
                    server.onRequest(message, sender, multicast);
                } else {
                    toClient(message, sender);
                }
                return;
            case NON:
                if (message.isRequest()) {
                    server.onRequest(message, sender, multicast);
                } else if (message.isResponse()) {
                    toClient(message, sender);
                }
                return;
            case ACK:
                onSettled(message, sender, false);
                return;
            default:
                onSettled(message, sender, true);
        }
    }

    /**
     * Handles a datagram that failed to decode: RST for a CON whose header was readable (§4.2), silence otherwise
     * (§4.3); always counted.
     *
     * @param error what was wrong
     * @param sender who sent it
     */
    public void malformed(CoapFormatException error, InetSocketAddress sender) {
        context.counters().formatErrors.increment();
        BAD_INPUT.warn("malformed CoAP datagram from {}: {} ({})", sender, error.getMessage(),
                error.rejectWithReset() ? "reset" : "dropped");
        if (error.rejectWithReset()) {
            reset(error.messageId(), sender);
        }
    }

    private void reset(int messageId, InetSocketAddress recipient) {
        context.counters().resetsSent.increment();
        context.send(CoapMessage.empty(CoapType.RST, messageId), recipient);
    }

    /**
     * Hands a response to the client stack, which deduplicates, matches and acknowledges it on its own loop: the
     * ACK goes out of the client's socket (the same port) and its dedup entry keeps it for duplicates.
     */
    private void toClient(CoapMessage message, InetSocketAddress sender) {
        if (clientStack == this) {
            onResponse(message, sender);
        } else {
            clientStack.context.inLoop(() -> clientStack.onResponse(message, sender));
        }
    }

    private void onResponse(CoapMessage message, InetSocketAddress sender) {
        Peer peer = peers.acquire(sender);
        if (peer == null) {
            context.counters().rejected.increment();
            return;
        }
        DedupEntry entry = dedup.find(peer, message.messageId());
        if (entry != null) {
            context.counters().duplicates.increment();
            if (entry.reply() != null) {
                context.send(entry.reply(), sender);
            }
            return;
        }
        boolean confirmable = message.type() == CoapType.CON;
        entry = dedup.add(peer, message.messageId(), confirmable);
        ClientLayer.Match match = client.onResponse(message, sender);
        boolean matched = match == ClientLayer.Match.MATCHED;
        if (!confirmable && match != ClientLayer.Match.REJECT) {
            return;
        }
        // §4.2: a CON response nobody waits for is rejected with RST, otherwise acknowledged; a notification of no
        // observation is rejected whatever its type (RFC 7641 §3.6).
        CoapMessage reply = CoapMessage.empty(matched ? CoapType.ACK : CoapType.RST, message.messageId());
        if (!matched) {
            context.counters().resetsSent.increment();
        }
        entry.reply(reply);
        context.send(reply, sender);
    }

    private void onSettled(CoapMessage message, InetSocketAddress sender, boolean reset) {
        if (settle(message, sender, reset) || (reset && observe.reset(sender, message.messageId()))) {
            return;
        }
        if (clientStack == this) {
            unmatched(message, sender);
            return;
        }
        // Not a separate response of this stack's server side: an ACK or RST for the client side, perhaps.
        clientStack.context.inLoop(() -> {
            if (!clientStack.settle(message, sender, reset)) {
                clientStack.unmatched(message, sender);
            }
        });
    }

    /** Settles an outgoing CON of this stack; whether one matched. */
    private boolean settle(CoapMessage message, InetSocketAddress sender, boolean reset) {
        Peer peer = peers.find(sender);
        OutgoingConfirmable outgoing = peer == null ? null : reliability.settle(peer, message.messageId());
        if (outgoing == null) {
            return false;
        }
        if (reset) {
            context.counters().resetsReceived.increment();
            outgoing.reset();
        } else {
            outgoing.acknowledged(message);
        }
        return true;
    }

    private void unmatched(CoapMessage message, InetSocketAddress sender) {
        context.counters().unmatched.increment();
        LOG.debug("{} from {} matches nothing sent", message, sender);
    }
}
