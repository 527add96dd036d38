package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import io.netty.util.collection.LongObjectHashMap;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapType;
import io.tributary.core.config.Settings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * The client side of an endpoint, on one stack's event loop: random tokens, request/response matching by
 * (peer, token) (RFC 7252 §5.3.2), NSTART outstanding requests per peer with a bounded queue for the rest
 * (§4.7), response timeouts, pings, multicast requests collected for a window (§8.2), block-wise transfers of large
 * bodies ({@link BlockwiseClient}, RFC 7959) and observations ({@link ClientObservation}, RFC 7641).
 */
public final class ClientLayer {

    /** What {@link #onResponse} found for a response. */
    enum Match {
        /** An exchange, a multicast request or an observation took it: acknowledge a CON. */
        MATCHED,
        /** Nothing waits for it: reject a CON with RST, drop a NON. */
        UNMATCHED,
        /** A notification of no observation: reject it with RST whatever its type (RFC 7641 §3.6). */
        REJECT
    }

    final StackContext context;
    private final PeerTable peers;
    private final Reliability reliability;
    private final LongObjectHashMap<ClientExchange<?>> byToken = new LongObjectHashMap<>(64, 0.8f);
    private final LongObjectHashMap<Multicast<?>> multicastByToken = new LongObjectHashMap<>();
    private final LongObjectHashMap<ClientObservation<?>> observations = new LongObjectHashMap<>();
    final BlockwiseClient blocks;
    final long reregistrationMarginNanos;
    final ObserveCancel observeCancel;
    private final Map<InetSocketAddress, Slots> slots = new HashMap<>();
    private final long responseTimeoutNanos;
    private final int tokenLength;
    private final int nstart;
    private final int maxQueued;

    /**
     * @param context the stack's sends, timers, counters, message IDs and randomness
     * @param peers the peers known to the stack
     * @param reliability retransmits CON requests
     * @param protocol NSTART, the queue per peer, token length and MAX_TRANSMIT_WAIT (the response timeout),
     *                 values of {@link StackConfig#SECTION}
     */
    ClientLayer(StackContext context, PeerTable peers, Reliability reliability, Settings protocol) {
        this.context = context;
        this.peers = peers;
        this.reliability = reliability;
        this.responseTimeoutNanos = StackConfig.maxTransmitWait(protocol).toNanos();
        this.tokenLength = protocol.get(StackConfig.TOKEN_LENGTH);
        this.nstart = protocol.get(StackConfig.NSTART);
        this.maxQueued = protocol.get(StackConfig.MAX_QUEUED_REQUESTS_PER_PEER);
        this.blocks = new BlockwiseClient(this, protocol);
        this.reregistrationMarginNanos = protocol.get(StackConfig.OBSERVE_REREGISTRATION_MARGIN).toNanos();
        this.observeCancel = protocol.get(StackConfig.OBSERVE_CANCEL);
    }

    /**
     * A request; nothing is sent until subscribed, and cancelling frees the exchange.
     *
     * @param template method, options and payload; type, message ID and token are filled in
     * @param peer the server
     * @param confirmable CON or NON
     * @param results what the response, or an {@link ExchangeFailure}, becomes
     * @param <R> the caller's response type
     * @return the response
     */
    public <R> Mono<R> request(CoapMessage template, InetSocketAddress peer, boolean confirmable,
                               ClientResults<R> results) {
        return new ClientExchange.RequestMono<>(this, template, peer, confirmable, false, results, null);
    }

    /**
     * A request whose body and response may span blocks (RFC 7959): a payload larger than {@code block-size} goes
     * in Block1 blocks (atomic, with a Request-Tag, at the block size the server asks for), and a response in
     * Block2 blocks is fetched whole, the blocks tied by their ETag; nothing is sent until subscribed.
     *
     * @param template method, options and payload; type, message ID and token are filled in
     * @param peer the server
     * @param confirmable CON or NON
     * @param results what the whole response, or an {@link ExchangeFailure}, becomes
     * @param maxBodySize the largest response body reassembled; a larger one fails the request
     * @param <R> the caller's response type
     * @return the response, its body whole
     */
    public <R> Mono<R> transfer(CoapMessage template, InetSocketAddress peer, boolean confirmable,
                                ClientResults<R> results, int maxBodySize) {
        return blocks.send(template, peer, confirmable, maxBodySize)
                .map(response -> results.response(response, peer))
                .onErrorMap(ExchangeFailure.class, results::failure);
    }

    /**
     * Observes a resource (RFC 7641): a GET with Observe 0; the registration's response comes first, then every
     * notification that passes the freshness rule (§3.4), whole when it spans blocks. The observation
     * re-registers when Max-Age plus {@code observe-reregistration-margin} pass without a notification, and ends
     * as {@code observe-cancel} says when the subscriber cancels. A response without Observe completes the flux
     * after it; a 4.xx or 5.xx notification fails it with an {@link ExchangeFailure.Reason#ERROR_RESPONSE}.
     *
     * @param template a GET (or FETCH) with its options; Observe is added
     * @param peer the server
     * @param confirmable CON or NON registration
     * @param results what each response, or an {@link ExchangeFailure}, becomes
     * @param maxBodySize the largest notification body reassembled
     * @param <R> the caller's response type
     * @return the registration's response, then the notifications; latest wins when the subscriber lags
     */
    public <R> Flux<R> observe(CoapMessage template, InetSocketAddress peer, boolean confirmable,
                               ClientResults<R> results, int maxBodySize) {
        return Flux.create(sink -> {
            ClientObservation<R> observation = new ClientObservation<>(this, template, peer, confirmable, results,
                    sink, maxBodySize);
            sink.onDispose(observation::cancel);
            context.inLoop(observation::start);
        }, FluxSink.OverflowStrategy.LATEST);
    }

    /** A request with a token the caller chose (an observation's), answered with the raw message. */
    Mono<CoapMessage> exchange(CoapMessage template, InetSocketAddress peer, boolean confirmable, Long token) {
        return new ClientExchange.RequestMono<>(this, template, peer, confirmable, false, MessageResults.INSTANCE,
                token);
    }

    /** Takes a token for an observation, which keeps it until {@link #forget}. */
    long register(ClientObservation<?> observation) {
        long token = newToken();
        observations.put(token, observation);
        return token;
    }

    /** Frees an observation's token: a later notification with it is answered with RST. */
    void forget(ClientObservation<?> observation) {
        if (observations.get(observation.token) == observation) {
            observations.remove(observation.token);
        }
    }

    /** @return the token as the bytes of a message */
    byte[] tokenBytes(long token) {
        byte[] bytes = new byte[tokenLength];
        for (int i = tokenLength - 1; i >= 0; i--) {
            bytes[i] = (byte) token;
            token >>>= 8;
        }
        return bytes;
    }

    /**
     * A CoAP ping: an empty CON that the peer answers with RST (§4.3).
     *
     * @param peer the endpoint to ping
     * @param results what a failure becomes
     * @return completes when the peer answered
     */
    public Mono<Void> ping(InetSocketAddress peer, ClientResults<?> results) {
        return new ClientExchange.RequestMono<>(this, CoapMessage.empty(CoapType.CON, 0), peer, true, true, results,
                null).then();
    }

    /**
     * A NON request to a multicast group; every response that arrives within the window is emitted (§8.2).
     *
     * @param template method, options and payload
     * @param group the group address and port
     * @param window how long to collect responses
     * @param results what each response, or an {@link ExchangeFailure}, becomes
     * @param <R> the caller's response type
     * @return the responses, completing when the window closes
     */
    public <R> Flux<R> multicast(CoapMessage template, InetSocketAddress group, Duration window,
                                 ClientResults<R> results) {
        return Flux.create(sink -> context.inLoop(() -> {
            int messageId = context.nextMessageId(group);
            if (messageId < 0) {
                context.counters().rejected.increment();
                sink.error(results.failure(new ExchangeFailure(ExchangeFailure.Reason.REFUSED, "multicast to "
                        + group + ": every message ID was used within EXCHANGE_LIFETIME")));
                return;
            }
            long token = newToken();
            Multicast<R> collecting = new Multicast<>(sink, results, token);
            multicastByToken.put(token, collecting);
            sink.onDispose(() -> context.inLoop(() -> {
                context.wheel().cancel(collecting);
                multicastByToken.remove(token);
            }));
            context.counters().clientRequests.increment();
            context.send(CoapMessage.of(CoapType.NON, template.code(), messageId, tokenBytes(token),
                    template.options(), template.payload()), group);
            context.wheel().arm(collecting, window.toNanos());
        }));
    }

    void submit(ClientExchange<?> exchange) {
        context.inLoop(() -> start(exchange));
    }

    void abandon(ClientExchange<?> exchange) {
        context.inLoop(() -> {
            switch (exchange.phase) {
                case QUEUED:
                    Slots queue = slots.get(exchange.address);
                    if (queue != null) {
                        queue.waiting.remove(exchange);
                    }
                    exchange.phase = ClientExchange.Phase.DONE;
                    return;
                case AWAIT_ACK:
                    reliability.abandon(exchange);
                    break;
                case AWAIT_RESPONSE:
                    context.wheel().cancel(exchange);
                    break;
                default:
                    return;
            }
            exchange.phase = ClientExchange.Phase.DONE;
            finished(exchange);
        });
    }

    private void start(ClientExchange<?> exchange) {
        if (exchange.cancelled || exchange.phase != ClientExchange.Phase.NEW) {
            return;
        }
        Slots queue = slots.computeIfAbsent(exchange.address, ignored -> new Slots());
        if (queue.active < nstart) {
            queue.active++;
            exchange.holdsSlot = true;
            send(exchange);
        } else if (queue.waiting.size() < maxQueued) {
            exchange.phase = ClientExchange.Phase.QUEUED;
            queue.waiting.add(exchange);
        } else {
            refuse(exchange, "more than " + maxQueued + " requests already wait for NSTART");
        }
    }

    private void send(ClientExchange<?> exchange) {
        Peer peer = peers.acquire(exchange.address);
        if (peer == null) {
            refuse(exchange, "peer table full");
            return;
        }
        exchange.peer = peer;
        int messageId = context.nextMessageId(exchange.address);
        if (messageId < 0) {
            refuse(exchange, "every message ID toward the peer was used within EXCHANGE_LIFETIME");
            return;
        }
        CoapType type = exchange.confirmable ? CoapType.CON : CoapType.NON;
        CoapMessage template = exchange.template;
        CoapMessage.Builder message = CoapMessage.builder(type, template.code()).messageId(messageId)
                .options(template.options()).payload(template.payload());
        if (!exchange.ping) {
            long token = exchange.ownToken ? exchange.token : newToken();
            exchange.token = token;
            byToken.put(token, exchange);
            message.token(tokenBytes(token));
        }
        exchange.message = message.build();
        exchange.sent();
        context.counters().clientRequests.increment();
        if (exchange.confirmable) {
            exchange.phase = ClientExchange.Phase.AWAIT_ACK;
            reliability.send(exchange);
        } else {
            exchange.phase = ClientExchange.Phase.AWAIT_RESPONSE;
            context.send(exchange.message, exchange.address);
            awaitResponse(exchange);
        }
    }

    private void refuse(ClientExchange<?> exchange, String why) {
        context.counters().rejected.increment();
        exchange.fail(new ExchangeFailure(ExchangeFailure.Reason.REFUSED, exchange.describe() + ": " + why));
    }

    /** Waits MAX_TRANSMIT_WAIT for the response of an acknowledged CON or of a NON. */
    void awaitResponse(ClientExchange<?> exchange) {
        context.wheel().arm(exchange, responseTimeoutNanos);
    }

    /** The retransmission timer of a CON request fired. */
    void retransmitDue(ClientExchange<?> exchange) {
        reliability.onTimer(exchange);
    }

    /** No response arrived within MAX_TRANSMIT_WAIT. */
    void responseTimedOut(ClientExchange<?> exchange) {
        context.counters().timeouts.increment();
        exchange.fail(new ExchangeFailure(ExchangeFailure.Reason.TIMEOUT, exchange.describe() + ": no response within "
                + Duration.ofNanos(responseTimeoutNanos).toSeconds() + " s"));
    }

    /** Releases the token and the NSTART slot of a finished exchange, starting the next queued one. */
    void finished(ClientExchange<?> exchange) {
        if (!exchange.ping && byToken.get(exchange.token) == exchange) {
            byToken.remove(exchange.token);
        }
        if (exchange.peer != null) {
            peers.releaseIfIdle(exchange.peer);
        }
        if (!exchange.holdsSlot) {
            return;
        }
        exchange.holdsSlot = false;
        Slots queue = slots.get(exchange.address);
        if (queue == null) {
            return;
        }
        ClientExchange<?> next;
        while ((next = queue.waiting.poll()) != null) {
            if (!next.cancelled) {
                next.holdsSlot = true;
                next.phase = ClientExchange.Phase.NEW;
                send(next);
                return;
            }
        }
        queue.active--;
        if (queue.active == 0) {
            slots.remove(exchange.address);
        }
    }

    /** Matches a response (CON, NON, or arriving before the ACK of our CON) to what waits for it. */
    Match onResponse(CoapMessage response, InetSocketAddress sender) {
        if (response.token().length != tokenLength) {
            return unmatched(response);
        }
        long token = tokenKey(response.token());
        Multicast<?> group = multicastByToken.get(token);
        if (group != null) {
            group.received(response, sender);
            return Match.MATCHED;
        }
        ClientExchange<?> exchange = byToken.get(token);
        if (exchange == null || !exchange.address.equals(sender)) {
            ClientObservation<?> observation = observations.get(token);
            if (observation != null && observation.address.equals(sender)) {
                observation.received(response);
                return Match.MATCHED;
            }
            return unmatched(response);
        }
        if (exchange.phase == ClientExchange.Phase.AWAIT_ACK) {
            // The separate response overtook (or replaced) the lost ACK: it acknowledges the request too.
            reliability.settle(exchange.peer, exchange.message.messageId());
        } else {
            context.wheel().cancel(exchange);
        }
        exchange.succeed(response);
        return Match.MATCHED;
    }

    private static Match unmatched(CoapMessage response) {
        return response.options().has(CoapOption.OBSERVE) ? Match.REJECT : Match.UNMATCHED;
    }

    private long newToken() {
        long mask = tokenLength == 8 ? -1L : (1L << (tokenLength * 8)) - 1;
        long token;
        do {
            token = context.random().nextLong() & mask;
        } while (byToken.containsKey(token) || multicastByToken.containsKey(token) || observations.containsKey(token));
        return token;
    }

    private static long tokenKey(byte[] token) {
        long key = 0;
        for (byte b : token) {
            key = (key << 8) | (b & 0xff);
        }
        return key;
    }

    /** @return client requests in flight or queued */
    public int inFlight() {
        return byToken.size();
    }

    /** @return observations held */
    public int observing() {
        return observations.size();
    }

    private static final class Slots {
        int active;
        final ArrayDeque<ClientExchange<?>> waiting = new ArrayDeque<>();
    }

    /** A multicast request collecting responses until its window closes; it is its own timer. */
    private final class Multicast<R> extends WheelTask {
        private final FluxSink<R> sink;
        private final ClientResults<R> results;
        private final long token;

        Multicast(FluxSink<R> sink, ClientResults<R> results, long token) {
            this.sink = sink;
            this.results = results;
            this.token = token;
        }

        void received(CoapMessage response, InetSocketAddress sender) {
            sink.next(results.response(response, sender));
        }

        @Override
        protected void expire() {
            multicastByToken.remove(token);
            sink.complete();
        }
    }
}
