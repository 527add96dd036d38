package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/** The peers one channel knows, created on first contact and dropped when idle; capped in number. */
final class PeerTable {

    private final Map<InetSocketAddress, Peer> peers = new HashMap<>();
    private final int maxPeers;

    PeerTable(int maxPeers) {
        this.maxPeers = maxPeers;
    }

    /** Returns the peer, creating it; {@code null} when the table is full. */
    Peer acquire(InetSocketAddress address) {
        Peer peer = peers.get(address);
        if (peer == null) {
            if (peers.size() >= maxPeers) {
                return null;
            }
            peer = new Peer(address);
            peers.put(address, peer);
        }
        return peer;
    }

    Peer find(InetSocketAddress address) {
        return peers.get(address);
    }

    void releaseIfIdle(Peer peer) {
        if (peer.idle()) {
            peers.remove(peer.address, peer);
        }
    }

    int size() {
        return peers.size();
    }
}
