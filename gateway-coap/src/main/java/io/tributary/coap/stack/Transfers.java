package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The block-wise transfers of one stack, keyed by peer, method, resource and Request-Tag (RFC 7959 §2.5, RFC 9175
 * §3): bounded per peer (a new transfer evicts the peer's oldest) and in bytes held (a block that does not fit is
 * refused), expiring EXCHANGE_LIFETIME after their last block; evictions, refusals and expiries are counted.
 * Event-loop confined.
 */
final class Transfers {

    /**
     * What tells transfers apart.
     *
     * @param peer the client
     * @param resource method, Uri-Host, Uri-Port, Uri-Path, Uri-Query and Request-Tag as text
     */
    record Key(InetSocketAddress peer, String resource) {
    }

    private final TimerWheel wheel;
    private final StackCounters counters;
    private final long lifetimeNanos;
    private final int perPeer;
    private final long maxBytes;
    private final Map<Key, Transfer> byKey = new HashMap<>();
    private final Map<InetSocketAddress, ArrayDeque<Transfer>> byPeer = new HashMap<>();
    private long bytes;

    Transfers(TimerWheel wheel, StackCounters counters, long lifetimeNanos, int perPeer, long maxBytes) {
        this.wheel = wheel;
        this.counters = counters;
        this.lifetimeNanos = lifetimeNanos;
        this.perPeer = perPeer;
        this.maxBytes = maxBytes;
    }

    Transfer find(Key key) {
        return byKey.get(key);
    }

    /** Starts a transfer, replacing one with the same key and evicting the peer's oldest beyond the cap. */
    Transfer start(Key key) {
        Transfer old = byKey.get(key);
        if (old != null) {
            remove(old);
        }
        ArrayDeque<Transfer> ofPeer = byPeer.computeIfAbsent(key.peer(), ignored -> new ArrayDeque<>(2));
        if (ofPeer.size() >= perPeer) {
            remove(ofPeer.peekFirst());
            counters.transfersEvicted.increment();
            ofPeer = byPeer.computeIfAbsent(key.peer(), ignored -> new ArrayDeque<>(2));
        }
        Transfer transfer = new Transfer(key, this);
        byKey.put(key, transfer);
        ofPeer.addLast(transfer);
        touch(transfer);
        return transfer;
    }

    /** Counts {@code more} bytes for a transfer; {@code false}, counted, when the total would exceed the cap. */
    boolean reserve(Transfer transfer, int more) {
        if (bytes + more > maxBytes) {
            counters.transfersRefused.increment();
            return false;
        }
        bytes += more;
        transfer.bytes += more;
        return true;
    }

    /** Keeps a transfer another EXCHANGE_LIFETIME from now. */
    void touch(Transfer transfer) {
        wheel.arm(transfer, lifetimeNanos);
    }

    void remove(Transfer transfer) {
        if (byKey.get(transfer.key) != transfer) {
            return;
        }
        byKey.remove(transfer.key);
        ArrayDeque<Transfer> ofPeer = byPeer.get(transfer.peer());
        if (ofPeer != null) {
            ofPeer.remove(transfer);
            if (ofPeer.isEmpty()) {
                byPeer.remove(transfer.peer());
            }
        }
        wheel.cancel(transfer);
        bytes -= transfer.bytes;
        transfer.bytes = 0;
        transfer.body = null;
        transfer.response = null;
    }

    void expired(Transfer transfer) {
        counters.transfersExpired.increment();
        remove(transfer);
    }

    /** @return bytes held by transfers in progress */
    long bytes() {
        return bytes;
    }

    /** @return transfers in progress */
    int size() {
        return byKey.size();
    }
}
