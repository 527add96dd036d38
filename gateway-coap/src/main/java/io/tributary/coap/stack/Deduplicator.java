package io.tributary.coap.stack;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Message deduplication by (peer, message ID) (RFC 7252 §4.5): CON IDs are remembered for EXCHANGE_LIFETIME and
 * NON IDs for NON_LIFETIME. Expiry uses one-second buckets swept on the event loop; memory is capped per peer and
 * in total, and each cap evicts the oldest entry (reusing its object), counting the eviction.
 */
final class Deduplicator extends WheelTask {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final TimerWheel wheel;
    private final PeerTable peers;
    private final int conLifetimeSeconds;
    private final int nonLifetimeSeconds;
    private final int perPeerCap;
    private final int totalCap;
    private final LongAdder evictions;
    private final DedupEntry[] bucketHeads;
    private final DedupEntry[] bucketTails;
    private int sweptSecond;
    private int size;

    Deduplicator(TimerWheel wheel, PeerTable peers, long conLifetimeNanos, long nonLifetimeNanos, int perPeerCap,
                 int totalCap, LongAdder evictions) {
        this.wheel = wheel;
        this.peers = peers;
        this.conLifetimeSeconds = (int) Math.max(1, ceilSeconds(conLifetimeNanos));
        this.nonLifetimeSeconds = (int) Math.max(1, ceilSeconds(nonLifetimeNanos));
        this.perPeerCap = perPeerCap;
        this.totalCap = totalCap;
        this.evictions = evictions;
        int buckets = Math.max(conLifetimeSeconds, nonLifetimeSeconds) + 2;
        this.bucketHeads = new DedupEntry[buckets];
        this.bucketTails = new DedupEntry[buckets];
        this.sweptSecond = nowSecond();
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + SECOND - 1) / SECOND;
    }

    private int nowSecond() {
        return (int) (wheel.nanoTime() / SECOND);
    }

    int size() {
        return size;
    }

    DedupEntry find(Peer peer, int messageId) {
        return peer.recent.get(Peer.key(messageId));
    }

    /** Remembers a new message ID of a peer; returns the entry to attach the eventual reply to. */
    DedupEntry add(Peer peer, int messageId, boolean confirmable) {
        DedupEntry entry = null;
        if (peer.recentCount >= perPeerCap) {
            entry = peer.oldest;
            remove(entry);
            evictions.increment();
        } else if (size >= totalCap) {
            DedupEntry oldest = globallyOldest();
            if (oldest != null) {
                Peer owner = oldest.peer;
                remove(oldest);
                evictions.increment();
                if (owner != peer) {
                    peers.releaseIfIdle(owner);
                }
                entry = oldest;
            }
        }
        if (entry == null) {
            entry = new DedupEntry();
        }
        entry.peer = peer;
        entry.messageId = messageId;
        entry.reply = null;
        entry.expirySecond = nowSecond() + (confirmable ? conLifetimeSeconds : nonLifetimeSeconds);
        linkBucket(entry);
        linkPeer(entry);
        peer.recent.put(Peer.key(messageId), entry);
        size++;
        if (!armed()) {
            wheel.arm(this, SECOND);
        }
        return entry;
    }

    private DedupEntry globallyOldest() {
        int now = nowSecond();
        int horizon = Math.max(conLifetimeSeconds, nonLifetimeSeconds) + 1;
        for (int second = Math.max(sweptSecond + 1, now); second <= now + horizon; second++) {
            DedupEntry head = bucketHeads[Math.floorMod(second, bucketHeads.length)];
            if (head != null) {
                return head;
            }
        }
        return null;
    }

    private void remove(DedupEntry entry) {
        Peer peer = entry.peer;
        peer.recent.remove(Peer.key(entry.messageId));
        unlinkPeer(entry);
        unlinkBucket(entry);
        entry.reply = null;
        size--;
    }

    /** Sweeps the buckets of every second that has passed; re-arms itself while entries remain. */
    @Override
    protected void expire() {
        int now = nowSecond();
        for (int second = sweptSecond + 1; second <= now; second++) {
            int bucket = Math.floorMod(second, bucketHeads.length);
            DedupEntry entry = bucketHeads[bucket];
            while (entry != null && entry.expirySecond <= now) {
                DedupEntry next = entry.bucketNext;
                Peer peer = entry.peer;
                remove(entry);
                peers.releaseIfIdle(peer);
                entry = next;
            }
        }
        sweptSecond = now;
        if (size > 0) {
            wheel.arm(this, SECOND);
        }
    }

    private void linkBucket(DedupEntry entry) {
        int bucket = Math.floorMod(entry.expirySecond, bucketHeads.length);
        DedupEntry tail = bucketTails[bucket];
        entry.bucketPrevious = tail;
        entry.bucketNext = null;
        if (tail == null) {
            bucketHeads[bucket] = entry;
        } else {
            tail.bucketNext = entry;
        }
        bucketTails[bucket] = entry;
    }

    private void unlinkBucket(DedupEntry entry) {
        int bucket = Math.floorMod(entry.expirySecond, bucketHeads.length);
        if (entry.bucketPrevious == null) {
            bucketHeads[bucket] = entry.bucketNext;
        } else {
            entry.bucketPrevious.bucketNext = entry.bucketNext;
        }
        if (entry.bucketNext == null) {
            bucketTails[bucket] = entry.bucketPrevious;
        } else {
            entry.bucketNext.bucketPrevious = entry.bucketPrevious;
        }
        entry.bucketPrevious = null;
        entry.bucketNext = null;
    }

    private static void linkPeer(DedupEntry entry) {
        Peer peer = entry.peer;
        entry.peerPrevious = peer.newest;
        entry.peerNext = null;
        if (peer.newest == null) {
            peer.oldest = entry;
        } else {
            peer.newest.peerNext = entry;
        }
        peer.newest = entry;
        peer.recentCount++;
    }

    private static void unlinkPeer(DedupEntry entry) {
        Peer peer = entry.peer;
        if (entry.peerPrevious == null) {
            peer.oldest = entry.peerNext;
        } else {
            entry.peerPrevious.peerNext = entry.peerNext;
        }
        if (entry.peerNext == null) {
            peer.newest = entry.peerPrevious;
        } else {
            entry.peerNext.peerPrevious = entry.peerPrevious;
        }
        entry.peerPrevious = null;
        entry.peerNext = null;
        peer.recentCount--;
    }
}
