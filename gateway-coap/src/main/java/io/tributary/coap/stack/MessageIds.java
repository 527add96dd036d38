package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Message IDs for messages this endpoint originates, one randomly started 16-bit sequence per peer (RFC 7252
 * §4.4). An ID is never reused toward a peer within EXCHANGE_LIFETIME: IDs are handed out in blocks of 1,024 whose
 * last use is remembered, and a block is entered again only when that is a lifetime ago; otherwise the peer's IDs
 * are exhausted and the caller is refused. Thread-safe: channels and the client share it.
 */
public final class MessageIds {

    private static final int BLOCK = 1024;
    private static final int BLOCKS = 65536 / BLOCK;

    private final Map<InetSocketAddress, Sequence> sequences = new ConcurrentHashMap<>();
    private final long lifetimeNanos;
    private final int maxPeers;

    MessageIds(long lifetimeNanos, int maxPeers) {
        this.lifetimeNanos = lifetimeNanos;
        this.maxPeers = maxPeers;
    }

    /** Returns the next ID for a peer, or -1 when every ID was used within the last EXCHANGE_LIFETIME. */
    int next(InetSocketAddress peer, long nowNanos) {
        Sequence sequence = sequences.get(peer);
        if (sequence == null) {
            if (sequences.size() >= maxPeers) {
                forgetIdle(nowNanos);
            }
            sequence = sequences.computeIfAbsent(peer, ignored -> new Sequence());
        }
        return sequence.next(nowNanos, lifetimeNanos);
    }

    private void forgetIdle(long nowNanos) {
        for (Iterator<Sequence> it = sequences.values().iterator(); it.hasNext(); ) {
            if (it.next().idleSince(nowNanos, lifetimeNanos)) {
                it.remove();
            }
        }
    }

    private static final class Sequence {
        private int next = ThreadLocalRandom.current().nextInt(65536);
        private final long[] lastUse = new long[BLOCKS];
        private final boolean[] used = new boolean[BLOCKS];
        private long lastAny;

        synchronized int next(long now, long lifetime) {
            int id = next & 0xffff;
            int block = id / BLOCK;
            // Entering a block again: every ID in it must have been last used a lifetime ago.
            if (id % BLOCK == 0 && used[block] && now - lastUse[block] < lifetime) {
                return -1;
            }
            used[block] = true;
            lastUse[block] = now;
            lastAny = now;
            next = id + 1;
            return id;
        }

        synchronized boolean idleSince(long now, long lifetime) {
            return now - lastAny >= lifetime;
        }
    }
}
