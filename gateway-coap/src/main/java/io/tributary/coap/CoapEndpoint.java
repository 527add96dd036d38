package io.tributary.coap;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.tributary.coap.stack.ClientLayer;
import io.tributary.coap.stack.CoapObserver;
import io.tributary.coap.stack.CoapStack;
import io.tributary.coap.stack.EndpointState;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A bound CoAP endpoint: one or more UDP channels on one port (by default one per core, each on its own event
 * loop, with SO_REUSEPORT under epoll), each with its own protocol stack; it serves the routes it was bound with,
 * and {@link CoapClient#on} sends from the same socket.
 */
public final class CoapEndpoint implements Disposable {

    private final List<Channel> channels;
    private final List<CoapStack> stacks;
    private final CoapStack clientStack;
    private final CoapStats stats;
    private final int maxBodySize;
    private final EventLoopGroup ownedLoops;
    private final InetSocketAddress address;
    private final String transport;
    private final Mono<Void> close;

    CoapEndpoint(List<Channel> channels, List<CoapStack> stacks, EndpointState shared, EventLoopGroup ownedLoops,
                 String transport, int maxBodySize) {
        this.channels = List.copyOf(channels);
        this.stacks = List.copyOf(stacks);
        this.clientStack = stacks.get(0);
        this.stats = new CoapStats(shared.counters(), shared.observations());
        this.maxBodySize = maxBodySize;
        this.ownedLoops = ownedLoops;
        this.address = (InetSocketAddress) channels.get(0).localAddress();
        this.transport = transport;
        this.close = Flux.fromIterable(this.channels)
                .flatMap(channel -> NettyFutures.toMono(channel.close()))
                .then(Mono.defer(() -> ownedLoops == null ? Mono.<Void>empty()
                        : NettyFutures.toMono(ownedLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS)).then()))
                .cache();
    }

    /** @return the bound address (the real port when 0 was asked for) */
    public InetSocketAddress address() {
        return address;
    }

    /** @return the bound port */
    public int port() {
        return address.getPort();
    }

    /** @return {@code epoll} or {@code nio} */
    public String transport() {
        return transport;
    }

    /** @return how many sockets share the port */
    public int channelCount() {
        return channels.size();
    }

    /** @return the client side of the endpoint, on its first channel */
    ClientLayer clientLayer() {
        return clientStack.client();
    }

    /** @return the endpoint's counters */
    public CoapStats stats() {
        return stats;
    }

    /** @return deduplication entries held across channels (read without synchronisation, for gauges) */
    public int dedupSize() {
        int size = 0;
        for (CoapStack stack : stacks) {
            size += stack.dedupSize();
        }
        return size;
    }

    /** @return peers tracked across channels (read without synchronisation, for gauges) */
    public int peerCount() {
        int count = 0;
        for (CoapStack stack : stacks) {
            count += stack.peerCount();
        }
        return count;
    }

    /** @return client requests in flight (read without synchronisation, for gauges) */
    public int clientInFlight() {
        return clientStack.client().inFlight();
    }

    /**
     * A snapshot of the observe relations (RFC 7641) across channels, each stack's taken on its own event loop.
     *
     * @return the observers, channel by channel and peer by peer; an error once its event loops are shut down
     */
    public Mono<List<CoapObserver>> observers() {
        return Flux.fromIterable(stacks).concatMap(CoapStack::observers).concatMapIterable(list -> list)
                .collectList();
    }

    /** @return bytes held by block-wise transfers in progress across channels (for gauges) */
    public long transferBytes() {
        long bytes = 0;
        for (CoapStack stack : stacks) {
            bytes += stack.transferBytes();
        }
        return bytes;
    }

    /** @return the largest body the endpoint reassembles from blocks ({@code max-body-size}) */
    int maxBodySize() {
        return maxBodySize;
    }

    /**
     * Closes the sockets (and the event loops if the endpoint created them).
     *
     * @return completes when closed
     */
    public Mono<Void> disposeLater() {
        return close;
    }

    @Override
    public void dispose() {
        close.subscribe();
    }

    @Override
    public boolean isDisposed() {
        return channels.stream().noneMatch(Channel::isOpen);
    }
}
