package io.tributary.coap.stack;

import java.net.InetSocketAddress;

import io.netty.util.collection.IntObjectHashMap;

/**
 * What one channel remembers about one remote endpoint: its recent message IDs for deduplication (oldest first)
 * and the confirmable messages sent to it that await an ACK. Confined to the channel's event loop.
 */
final class Peer {

    final InetSocketAddress address;
    final IntObjectHashMap<DedupEntry> recent = new IntObjectHashMap<>(8, 0.75f);
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
            awaitingAck = new IntObjectHashMap<>(4, 0.8f);
        }
        awaitingAck.put(key(messageId), message);
    }

    OutgoingConfirmable acknowledged(int messageId) {
        return awaitingAck == null ? null : awaitingAck.remove(key(messageId));
    }

    OutgoingConfirmable awaiting(int messageId) {
        return awaitingAck == null ? null : awaitingAck.get(key(messageId));
    }

    /**
     * Scrambles a message ID before it is used as a hash key: IDs are consecutive and the map's slot is the key's
     * low bits, so raw IDs would form one long probe run that every removal scans. An odd multiplier is a
     * bijection, so keys stay unique.
     */
    static int key(int messageId) {
        return messageId * 0x9E3779B1;
    }
}
