package io.tributary.coap.stack;

import java.net.InetSocketAddress;

import io.netty.util.collection.IntObjectHashMap;

/**
 * What one channel remembers about one remote endpoint: its recent message IDs for deduplication (oldest first)
 * and the confirmable messages sent to it that await an ACK. Confined to the channel's event loop.
 */
final class Peer {

    final InetSocketAddress address;
    final IntObjectHashMap<DedupEntry> recent = new IntObjectHashMap<>(8);
    DedupEntry oldest;
    DedupEntry newest;
    int recentCount;
    IntObjectHashMap<OutgoingConfirmable> awaitingAck;

    Peer(InetSocketAddress address) {
        this.address = address;
    }

    boolean idle() {
        return recentCount == 0 && (awaitingAck == null || awaitingAck.isEmpty());
    }

    void expectAck(int messageId, OutgoingConfirmable message) {
        if (awaitingAck == null) {
            awaitingAck = new IntObjectHashMap<>(4);
        }
        awaitingAck.put(messageId, message);
    }

    OutgoingConfirmable acknowledged(int messageId) {
        return awaitingAck == null ? null : awaitingAck.remove(messageId);
    }
}
