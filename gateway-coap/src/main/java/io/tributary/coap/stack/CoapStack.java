package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.tributary.coap.message.CoapFormatException;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapType;
import io.tributary.core.config.Settings;
import io.tributary.core.time.SchedulingClock;
import io.tributary.core.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol stack of one channel, confined to its event loop:
 * <pre>
 *   datagram ─► codec ─► CoapStack.receive
 *                          ├─ empty CON (ping) ─► RST
 *                          ├─ request ─► ServerLayer: dedup ─► option checks ─► Responder ─► piggybacked / separate
 *                          ├─ response ─► dedup ─► ClientLayer (on the client channel): match by (peer, token)
 *                          └─ ACK / RST ─► Reliability: match by (peer, message ID) ─► owning exchange
 * </pre>
 * With several channels on one port (SO_REUSEPORT) the kernel keeps a peer on one channel, so per-peer server state
 * needs no locks; the client side lives on one designated channel and the others forward to it.
 */
public final class CoapStack {

    private static final Logger LOG = LoggerFactory.getLogger(CoapStack.class);
    private static final RateLimitedLog BAD_INPUT = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    final Settings config;
    final Outbound outbound;
    final TimerWheel wheel;
    final PeerTable peers;
    final Deduplicator dedup;
    final Reliability reliability;
    final CoapStats stats;
    final MessageIds messageIds;
    final ServerLayer server;
    final SplittableRandom random;
    private final ClientLayer client;
    private CoapStack clientStack;

    /**
     * @param config protocol parameters, values of {@link StackConfig#SECTION}
     * @param outbound where messages go
     * @param timer drives retransmissions and expiries (the channel's event loop, or a virtual timer)
     * @param stats endpoint-wide counters
     * @param messageIds endpoint-wide message ID allocator
     * @param responder the server side, or {@code null} to answer every request with 4.04
     * @param seed seed of this stack's randomness (retransmission jitter, tokens, leisure)
     * @param hostsClient whether the client side lives on this stack
     */
    public CoapStack(Settings config, Outbound outbound, SchedulingClock timer, CoapStats stats, MessageIds messageIds,
                     Responder responder, long seed, boolean hostsClient) {
        this.config = config;
        this.outbound = outbound;
        this.stats = stats;
        this.messageIds = messageIds;
        this.random = new SplittableRandom(seed);
        this.wheel = new TimerWheel(timer, config.get(StackConfig.TIMER_TICK).toNanos(), 4096);
        this.peers = new PeerTable(config.get(StackConfig.MAX_PEERS));
        this.dedup = new Deduplicator(wheel, peers, StackConfig.exchangeLifetime(config).toNanos(),
                StackConfig.nonLifetime(config).toNanos(), config.get(StackConfig.DEDUP_PER_PEER),
                config.get(StackConfig.DEDUP_TOTAL), stats.dedupEvictions);
        this.reliability = new Reliability(this, config, wheel, stats, random);
        this.server = new ServerLayer(this, responder);
        this.client = hostsClient ? new ClientLayer(this) : null;
        this.clientStack = hostsClient ? this : null;
    }

    /**
     * Creates the endpoint-wide message ID allocator shared by all stacks of an endpoint.
     *
     * @param config protocol parameters (EXCHANGE_LIFETIME, max peers)
     * @return a new allocator
     */
    public static MessageIds messageIds(Settings config) {
        return new MessageIds(StackConfig.exchangeLifetime(config).toNanos(), config.get(StackConfig.MAX_PEERS));
    }

    /** @param stack the stack hosting the client side, to which this one forwards responses, ACKs and RSTs */
    public void clientStack(CoapStack stack) {
        this.clientStack = stack;
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

    /** @return timers armed (retransmissions, separate-response delays, response timeouts) */
    public int pendingTimers() {
        return wheel.size();
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
                    onResponse(message, sender);
                }
                return;
            case NON:
                if (message.isRequest()) {
                    server.onRequest(message, sender, multicast);
                } else if (message.isResponse()) {
                    onResponse(message, sender);
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
        stats.formatErrors.increment();
        BAD_INPUT.warn("malformed CoAP datagram from {}: {} ({})", sender, error.getMessage(),
                error.rejectWithReset() ? "reset" : "dropped");
        if (error.rejectWithReset()) {
            reset(error.messageId(), sender);
        }
    }

    void reset(int messageId, InetSocketAddress recipient) {
        stats.resetsSent.increment();
        write(CoapMessage.empty(CoapType.RST, messageId), recipient);
    }

    void write(CoapMessage message, InetSocketAddress recipient) {
        outbound.send(message, recipient);
    }

    void releaseIfIdle(Peer peer) {
        peers.releaseIfIdle(peer);
    }

    private void onResponse(CoapMessage message, InetSocketAddress sender) {
        Peer peer = peers.acquire(sender);
        if (peer == null) {
            stats.rejected.increment();
            return;
        }
        boolean confirmable = message.type() == CoapType.CON;
        DedupEntry entry = dedup.find(peer, message.messageId());
        if (entry != null) {
            stats.duplicates.increment();
            if (entry.reply() != null) {
                write(entry.reply(), sender);
            }
            return;
        }
        entry = dedup.add(peer, message.messageId(), confirmable);
        DedupEntry remembered = entry;
        toClient(() -> {
            boolean matched = clientStack.client.onResponse(message, sender);
            if (!confirmable) {
                return;
            }
            // §4.2: a CON response nobody waits for is rejected with RST, otherwise acknowledged.
            CoapMessage reply = CoapMessage.empty(matched ? CoapType.ACK : CoapType.RST, message.messageId());
            if (!matched) {
                stats.resetsSent.increment();
            }
            clientStack.write(reply, sender);
            inLoop(() -> remembered.reply(reply));
        });
    }

    private void onSettled(CoapMessage message, InetSocketAddress sender, boolean reset) {
        Peer peer = peers.find(sender);
        OutgoingConfirmable outgoing = peer == null ? null : reliability.settle(peer, message.messageId());
        if (outgoing != null) {
            settle(outgoing, message, reset);
            return;
        }
        if (clientStack == null || clientStack == this) {
            unmatched(message, sender);
            return;
        }
        toClient(() -> clientStack.settleForwarded(message, sender, reset));
    }

    private void settleForwarded(CoapMessage message, InetSocketAddress sender, boolean reset) {
        Peer peer = peers.find(sender);
        OutgoingConfirmable outgoing = peer == null ? null : reliability.settle(peer, message.messageId());
        if (outgoing == null) {
            unmatched(message, sender);
            return;
        }
        settle(outgoing, message, reset);
    }

    private void settle(OutgoingConfirmable outgoing, CoapMessage message, boolean reset) {
        if (reset) {
            stats.resetsReceived.increment();
            outgoing.reset();
        } else {
            outgoing.acknowledged(message);
        }
    }

    private void unmatched(CoapMessage message, InetSocketAddress sender) {
        stats.unmatched.increment();
        LOG.debug("{} from {} matches nothing sent", message, sender);
    }

    private void toClient(Runnable task) {
        if (clientStack == null) {
            stats.unmatched.increment();
            return;
        }
        clientStack.inLoop(task);
    }

    void inLoop(Runnable task) {
        if (outbound.inEventLoop()) {
            task.run();
        } else {
            outbound.execute(task);
        }
    }
}
