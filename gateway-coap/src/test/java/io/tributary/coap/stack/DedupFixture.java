package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.tributary.core.time.VirtualClock;

/**
 * The deduplicator of one stack on a virtual clock, with peers each filled to their cap of remembered message IDs,
 * so every new ID also evicts that peer's oldest entry, as under sustained load; for benchmarks, which cannot see
 * the stack's internals.
 */
public final class DedupFixture {

    private final Deduplicator dedup;
    private final Peer[] peers;

    /**
     * @param peerCount peers, each filled with message IDs 0 to {@code perPeerCap - 1}
     * @param perPeerCap message IDs remembered per peer (the stack's default is 512)
     */
    public DedupFixture(int peerCount, int perPeerCap) {
        TimerWheel wheel = new TimerWheel(new VirtualClock(), TimeUnit.MILLISECONDS.toNanos(1), 4096);
        PeerTable table = new PeerTable(peerCount);
        this.dedup = new Deduplicator(wheel, table, TimeUnit.SECONDS.toNanos(247), TimeUnit.SECONDS.toNanos(145),
                perPeerCap, 1_000_000, new LongAdder());
        this.peers = new Peer[peerCount];
        for (int p = 0; p < peerCount; p++) {
            peers[p] = table.acquire(new InetSocketAddress("10.0." + (p >> 8) + "." + (p & 255), 5683));
            for (int id = 0; id < perPeerCap; id++) {
                dedup.add(peers[p], id, true);
            }
        }
    }

    /**
     * What the server does with each CON request: look its (peer, message ID) up, remember it if new.
     *
     * @param peer index of the peer
     * @param messageId the message ID, 0 to 65535
     * @return the entry found or added
     */
    public Object lookupThenInsert(int peer, int messageId) {
        Peer sender = peers[peer];
        DedupEntry seen = dedup.find(sender, messageId);
        return seen != null ? seen : dedup.add(sender, messageId, true);
    }
}
