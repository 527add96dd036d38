package io.tributary.coap.stack;

import java.net.InetSocketAddress;

/** The relations one peer holds on a stack, linked through the relations themselves; its address is shared by them. */
final class PeerObservers {

    final InetSocketAddress address;
    ObserveRelation head;
    int count;

    PeerObservers(InetSocketAddress address) {
        this.address = address;
    }
}
