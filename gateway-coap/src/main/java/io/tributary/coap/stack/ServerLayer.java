package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.core.config.Settings;
import io.tributary.core.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;

/**
 * The server side of one stack: deduplicates requests (a duplicate gets the stored reply, the handler never runs
 * twice), rejects unrecognised critical options with 4.02 (§5.4.1) and proxy requests with 5.05 (§5.10.2), passes
 * a request with Block1, Block2 or Observe up through the {@link BlockwiseLayer} and the {@link ObserveLayer}, runs
 * the {@link Responder}, passes its response down through them, and answers piggybacked, separately (§5.2.2) or
 * after a multicast leisure (§8.2). A plain request meets the two layers only as a size check on its response.
 */
final class ServerLayer {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLayer.class);
    private static final RateLimitedLog REFUSALS = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);
    private static final Mono<Response> NOT_FOUND = Mono.just(Diagnostic.of(CoapCode.NOT_FOUND, ""));

    final StackContext context;
    final Reliability reliability;
    final long separateResponseDelayNanos;
    final long leisureNanos;
    private final PeerTable peers;
    private final Deduplicator dedup;
    private final BlockwiseLayer blocks;
    private final ObserveLayer observe;
    private final Responder responder;
    private final int maxPeers;

    /**
     * @param context the stack's sends, timers, counters, message IDs and randomness
     * @param peers the peers known to the stack
     * @param dedup the stack's deduplication of message IDs
     * @param reliability retransmits separate responses
     * @param blocks block-wise transfer, below Observe
     * @param observe the observe relations, above block-wise transfer
     * @param responder the application, or {@code null} to answer every request with 4.04
     * @param protocol SEPARATE_RESPONSE_DELAY, DEFAULT_LEISURE and MAX_PEERS, values of {@link StackConfig#SECTION}
     */
    ServerLayer(StackContext context, PeerTable peers, Deduplicator dedup, Reliability reliability,
                BlockwiseLayer blocks, ObserveLayer observe, Responder responder, Settings protocol) {
        this.context = context;
        this.peers = peers;
        this.dedup = dedup;
        this.reliability = reliability;
        this.blocks = blocks;
        this.observe = observe;
        this.responder = responder != null ? responder : (request, peer, multicast) -> NOT_FOUND;
        this.separateResponseDelayNanos = protocol.get(StackConfig.SEPARATE_RESPONSE_DELAY).toNanos();
        this.leisureNanos = protocol.get(StackConfig.DEFAULT_LEISURE).toNanos();
        this.maxPeers = protocol.get(StackConfig.MAX_PEERS);
    }

    void onRequest(CoapMessage request, InetSocketAddress sender, boolean multicast) {
        boolean confirmable = request.type() == CoapType.CON;
        if (multicast && confirmable) {
            // §8.1: multicast requests are NON; a CON one is not answered at all.
            context.counters().rejected.increment();
            REFUSALS.warn("CON request from {} to a multicast group ignored (RFC 7252 §8.1)", sender);
            return;
        }
        Peer peer = peers.acquire(sender);
        if (peer == null) {
            context.counters().rejected.increment();
            REFUSALS.warn("request from {} refused with 5.03: {} peers already tracked", sender, maxPeers);
            if (confirmable) {
                context.send(reply(request, Diagnostic.of(CoapCode.SERVICE_UNAVAILABLE, "too many peers"),
                        CoapType.ACK, request.messageId()), sender);
            }
            return;
        }
        DedupEntry entry = dedup.find(peer, request.messageId());
        if (entry != null) {
            context.counters().duplicates.increment();
            if (entry.reply() != null) {
                context.send(entry.reply(), sender);
            }
            return;
        }
        entry = dedup.add(peer, request.messageId(), confirmable);
        context.counters().requests.increment();
        Response immediate = checkOptions(request);
        if (immediate == null && !multicast && layered(request.options())) {
            Negotiated negotiated = new Negotiated(request, sender);
            immediate = blocks.receive(negotiated);
            if (immediate == null) {
                observe.receive(negotiated);
                respond(negotiated.request, negotiated, sender, peer, entry, false);
                return;
            }
        }
        if (immediate != null) {
            // Answers of the stack's own (bad options, the block-wise layer's) are small and observe nothing.
            if (multicast) {
                new ServerExchange(this, request, sender, peer, entry, true, null).complete(immediate);
            } else {
                answer(request, sender, entry, immediate);
            }
            return;
        }
        respond(request, null, sender, peer, entry, multicast);
    }

    /** Runs the responder and answers with its response, passed down through the Observe and block-wise layers. */
    private void respond(CoapMessage request, Negotiated negotiated, InetSocketAddress sender, Peer peer,
                         DedupEntry entry, boolean multicast) {
        Mono<? extends Response> result = null;
        Response immediate = null;
        try {
            result = responder.respond(request, sender, multicast);
            if (result instanceof Fuseable.ScalarCallable) {
                // The common case of an immediate answer: no subscription, no thread hop, no exchange object.
                immediate = scalar(request, sender, result);
            }
        } catch (RuntimeException e) {
            immediate = handlerFailed(request, sender, e);
        }
        if (immediate != null && !multicast) {
            answer(request, sender, entry, outgoing(negotiated, request, sender, immediate));
            return;
        }
        ServerExchange exchange = new ServerExchange(this, request, sender, peer, entry, multicast, negotiated);
        if (immediate != null) {
            exchange.complete(immediate);
        } else {
            exchange.start(result);
        }
    }

    /** Whether a request carries an option the Observe or block-wise layer reads (Observe, Block2, Block1, Size2). */
    private static boolean layered(CoapOptions options) {
        for (int i = 0; i < options.size(); i++) {
            int number = options.number(i);
            if (number == CoapOption.OBSERVE || number == CoapOption.BLOCK2 || number == CoapOption.BLOCK1
                    || number == CoapOption.SIZE2) {
                return true;
            }
            if (number > CoapOption.SIZE2) {
                return false;
            }
        }
        return false;
    }

    /**
     * Passes a responder's response down through Observe and block-wise transfer: only a response larger than one
     * block (or a state of an observable resource) costs anything for a plain request.
     */
    Response outgoing(Negotiated negotiated, CoapMessage request, InetSocketAddress sender, Response response) {
        Response out = observe.respond(negotiated, response);
        if (negotiated != null) {
            return blocks.respond(negotiated, out);
        }
        if (out.payloadLength() > blocks.blockSize() && !safe(request)) {
            // A large answer to another method than GET is kept for the blocks the client asks for next.
            return blocks.respond(new Negotiated(request, sender), out);
        }
        return blocks.firstBlock(out);
    }

    private static boolean safe(CoapMessage request) {
        return request.code() == CoapCode.GET || request.code() == CoapCode.FETCH;
    }

    /**
     * Answers a unicast request whose response is ready before any empty ACK went out: piggybacked on the ACK for
     * a CON (an empty ACK if No-Response suppresses it), a NON for a NON.
     */
    void answer(CoapMessage request, InetSocketAddress sender, DedupEntry entry, Response response) {
        countResponse(response.code());
        boolean silent = suppressed(request, response.code());
        if (request.type() == CoapType.NON) {
            if (!silent) {
                sendNon(request, sender, response);
            }
            return;
        }
        // RFC 7967 §2: a suppressed response to a CON still needs the ACK, then empty.
        CoapMessage ack = silent ? CoapMessage.empty(CoapType.ACK, request.messageId())
                : reply(request, response, CoapType.ACK, request.messageId());
        entry.reply(ack);
        context.send(ack, sender);
    }

    void sendNon(CoapMessage request, InetSocketAddress recipient, Response response) {
        int messageId = context.nextMessageId(recipient);
        if (messageId < 0) {
            context.counters().rejected.increment();
            LOG.warn("NON response to {} dropped: message IDs toward it exhausted", recipient);
            return;
        }
        context.send(reply(request, response, CoapType.NON, messageId), recipient);
    }

    @SuppressWarnings("unchecked")
    private Response scalar(CoapMessage request, InetSocketAddress sender, Mono<? extends Response> result) {
        try {
            Response response = ((Callable<? extends Response>) result).call();
            return response != null ? response : handlerFailed(request, sender, null);
        } catch (Exception e) {
            return handlerFailed(request, sender, e);
        }
    }

    Response handlerFailed(CoapMessage request, InetSocketAddress sender, Throwable failure) {
        if (failure == null) {
            LOG.warn("handler of {} {} from {} completed without a response", request.code(), path(request),
                    sender);
            return Diagnostic.of(CoapCode.INTERNAL_SERVER_ERROR, "no response");
        }
        LOG.warn("handler of {} {} from {} failed", request.code(), path(request), sender, failure);
        return Diagnostic.of(CoapCode.INTERNAL_SERVER_ERROR, "internal error");
    }

    private static String path(CoapMessage request) {
        return "/" + String.join("/", request.options().uriPath());
    }

    private static Response checkOptions(CoapMessage request) {
        CoapOptions options = request.options();
        for (int i = 0; i < options.size(); i++) {
            int number = options.number(i);
            if (number == CoapOption.PROXY_URI || number == CoapOption.PROXY_SCHEME) {
                return Diagnostic.of(CoapCode.PROXYING_NOT_SUPPORTED, "this server is not a proxy");
            }
            if (CoapOption.isCritical(number) && !recognized(number)) {
                return Diagnostic.of(CoapCode.BAD_OPTION, "unrecognized critical option " + CoapOption.name(number));
            }
        }
        return null;
    }

    private static boolean recognized(int number) {
        switch (number) {
            case CoapOption.IF_MATCH:
            case CoapOption.URI_HOST:
            case CoapOption.IF_NONE_MATCH:
            case CoapOption.URI_PORT:
            case CoapOption.URI_PATH:
            case CoapOption.URI_QUERY:
            case CoapOption.ACCEPT:
            case CoapOption.BLOCK2:
            case CoapOption.BLOCK1:
                return true;
            default:
                return false;
        }
    }

    /** Builds the wire message of a response with the request's token. */
    static CoapMessage reply(CoapMessage request, Response response, CoapType type, int messageId) {
        return CoapMessage.of(type, response.code(), messageId, request.token(), response.options(),
                response.payload());
    }

    /** RFC 7967: whether the request's No-Response option suppresses responses of this class. */
    static boolean suppressed(CoapMessage request, CoapCode code) {
        long bits = request.options().uint(CoapOption.NO_RESPONSE, 0);
        int codeClass = code.codeClass();
        return (codeClass == 2 && (bits & 2) != 0) || (codeClass == 4 && (bits & 8) != 0)
                || (codeClass == 5 && (bits & 16) != 0);
    }

    void countResponse(CoapCode code) {
        switch (code.codeClass()) {
            case 2:
                context.counters().success.increment();
                break;
            case 4:
                context.counters().clientErrors.increment();
                break;
            default:
                context.counters().serverErrors.increment();
                break;
        }
    }
}
