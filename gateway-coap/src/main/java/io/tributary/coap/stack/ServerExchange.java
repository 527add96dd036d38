package io.tributary.coap.stack;

import java.net.InetSocketAddress;

import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapType;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * One request being answered. A CON gets its response piggybacked on the ACK if the handler answers within the
 * separate-response delay; otherwise an empty ACK goes first and the response follows as a CON, retransmitted
 * until acknowledged (RFC 7252 §5.2.2). A multicast request is answered with a NON after a random leisure, and
 * never with an error (§8.2). The same object is the timer of each phase.
 */
final class ServerExchange extends OutgoingConfirmable implements CoreSubscriber<Response> {

    private static final Logger LOG = LoggerFactory.getLogger(ServerExchange.class);

    private enum Phase { HANDLING, ACKED, LEISURE, RETRANSMITTING, DONE }

    private final ServerLayer layer;
    private final StackContext context;
    private final CoapMessage request;
    private final DedupEntry entry;
    private final boolean multicast;
    private final Negotiated negotiated;
    private Phase phase = Phase.HANDLING;
    private Response pending;
    private volatile boolean delivered;

    ServerExchange(ServerLayer layer, CoapMessage request, InetSocketAddress sender, Peer peer, DedupEntry entry,
                   boolean multicast, Negotiated negotiated) {
        this.layer = layer;
        this.negotiated = negotiated;
        this.context = layer.context;
        this.request = request;
        this.address = sender;
        this.peer = peer;
        this.entry = entry;
        this.multicast = multicast;
    }

    /** Subscribes to a handler that did not answer at once; arms the separate-response timer for a CON. */
    void start(Mono<? extends Response> result) {
        if (request.type() == CoapType.CON) {
            context.wheel().arm(this, layer.separateResponseDelayNanos);
        }
        result.subscribe(this);
    }

    @Override
    public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Response response) {
        if (!delivered) {
            delivered = true;
            context.inLoop(() -> complete(response));
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (!delivered) {
            delivered = true;
            context.inLoop(() -> complete(layer.handlerFailed(request, address, failure)));
        }
    }

    @Override
    public void onComplete() {
        if (!delivered) {
            delivered = true;
            context.inLoop(() -> complete(layer.handlerFailed(request, address, null)));
        }
    }

    /** Sends the response, passed down through Observe and block-wise transfer, as the phase calls for; on the loop. */
    void complete(Response handled) {
        if (phase == Phase.DONE || phase == Phase.RETRANSMITTING || phase == Phase.LEISURE) {
            return;
        }
        Response response = layer.outgoing(negotiated, request, address, handled);
        if (multicast) {
            layer.countResponse(response.code());
            finishMulticast(response, ServerLayer.suppressed(request, response.code())
                    || !response.code().isSuccess());
            return;
        }
        if (request.type() == CoapType.NON || phase == Phase.HANDLING) {
            context.wheel().cancel(this);
            phase = Phase.DONE;
            layer.answer(request, address, entry, response);
            return;
        }
        layer.countResponse(response.code());
        if (ServerLayer.suppressed(request, response.code())) {
            phase = Phase.DONE;
            return;
        }
        int messageId = context.nextMessageId(address);
        if (messageId < 0) {
            phase = Phase.DONE;
            context.counters().rejected.increment();
            LOG.warn("separate response to {} dropped: message IDs toward it exhausted", address);
            return;
        }
        phase = Phase.RETRANSMITTING;
        message = ServerLayer.reply(request, response, CoapType.CON, messageId);
        layer.reliability.send(this);
    }

    private void finishMulticast(Response response, boolean silent) {
        if (silent) {
            phase = Phase.DONE;
            return;
        }
        phase = Phase.LEISURE;
        pending = response;
        long leisure = layer.leisureNanos;
        context.wheel().arm(this, leisure > 0 ? context.random().nextLong(leisure + 1) : 0);
    }

    @Override
    void retransmitDue() {
        switch (phase) {
            case HANDLING:
                // The handler is slow: acknowledge now so the client stops retransmitting (§5.2.2).
                phase = Phase.ACKED;
                CoapMessage ack = CoapMessage.empty(CoapType.ACK, request.messageId());
                entry.reply(ack);
                context.send(ack, address);
                return;
            case LEISURE:
                phase = Phase.DONE;
                layer.sendNon(request, address, pending);
                pending = null;
                return;
            case RETRANSMITTING:
                layer.reliability.onTimer(this);
                return;
            default:
        }
    }

    @Override
    void acknowledged(CoapMessage ack) {
        phase = Phase.DONE;
    }

    @Override
    void reset() {
        phase = Phase.DONE;
        LOG.debug("separate response to {} rejected with RST", address);
    }

    @Override
    void gaveUp() {
        phase = Phase.DONE;
        LOG.debug("separate response to {} never acknowledged", address);
    }
}
