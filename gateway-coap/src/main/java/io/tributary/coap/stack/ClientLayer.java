package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import io.netty.util.collection.LongObjectHashMap;
import io.tributary.coap.CoapException;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * The client side of an endpoint, on one stack's event loop: random tokens, request/response matching by
 * (peer, token) (RFC 7252 §5.3.2), NSTART outstanding requests per peer with a bounded queue for the rest
 * (§4.7), response timeouts, pings, and multicast requests collected for a window (§8.2).
 */
public final class ClientLayer {

    private final CoapStack stack;
    private final LongObjectHashMap<ClientExchange> byToken = new LongObjectHashMap<>(64, 0.8f);
    private final LongObjectHashMap<FluxSink<CoapResponse>> multicastByToken = new LongObjectHashMap<>();
    private final Map<InetSocketAddress, Slots> slots = new HashMap<>();
    private final Duration responseTimeout;
    private final int tokenLength;

    ClientLayer(CoapStack stack) {
        this.stack = stack;
        this.responseTimeout = StackConfig.maxTransmitWait(stack.config);
        this.tokenLength = stack.config.get(StackConfig.TOKEN_LENGTH);
    }

    /**
     * A request; nothing is sent until subscribed, and cancelling frees the exchange.
     *
     * @param template method, options and payload; type, message ID and token are filled in
     * @param peer the server
     * @param confirmable CON or NON
     * @return the response, or {@link io.tributary.coap.CoapTimeoutException},
     *         {@link io.tributary.coap.CoapResetException} or {@link CoapException}
     */
    public Mono<CoapResponse> request(CoapMessage template, InetSocketAddress peer, boolean confirmable) {
        return new ClientExchange.RequestMono(this, template, peer, confirmable, false);
    }

    /**
     * A CoAP ping: an empty CON that the peer answers with RST (§4.3).
     *
     * @param peer the endpoint to ping
     * @return completes when the peer answered
     */
    public Mono<Void> ping(InetSocketAddress peer) {
        return new ClientExchange.RequestMono(this, CoapMessage.empty(CoapType.CON, 0), peer, true, true).then();
    }

    /**
     * A NON request to a multicast group; every response that arrives within the window is emitted (§8.2).
     *
     * @param template method, options and payload
     * @param group the group address and port
     * @param window how long to collect responses
     * @return the responses, completing when the window closes
     */
    public Flux<CoapResponse> multicast(CoapMessage template, InetSocketAddress group, Duration window) {
        return Flux.create(sink -> stack.inLoop(() -> {
            int messageId = stack.messageIds.next(group, stack.wheel.nanoTime());
            if (messageId < 0) {
                stack.stats.rejected.increment();
                sink.error(new CoapException("multicast to " + group
                        + ": every message ID was used within EXCHANGE_LIFETIME"));
                return;
            }
            long token = newToken();
            multicastByToken.put(token, sink);
            WheelTask end = new WheelTask() {
                @Override
                protected void expire() {
                    multicastByToken.remove(token);
                    sink.complete();
                }
            };
            sink.onDispose(() -> stack.inLoop(() -> {
                stack.wheel.cancel(end);
                multicastByToken.remove(token);
            }));
            stack.stats.clientRequests.increment();
            stack.write(CoapMessage.of(CoapType.NON, template.code(), messageId, tokenBytes(token),
                    template.options(), template.payload()), group);
            stack.wheel.arm(end, window.toNanos());
        }));
    }

    CoapStack stack() {
        return stack;
    }

    Duration responseTimeout() {
        return responseTimeout;
    }

    void submit(ClientExchange exchange) {
        stack.inLoop(() -> start(exchange));
    }

    void abandon(ClientExchange exchange) {
        stack.inLoop(() -> {
            switch (exchange.phase) {
                case QUEUED:
                    Slots queue = slots.get(exchange.address);
                    if (queue != null) {
                        queue.waiting.remove(exchange);
                    }
                    exchange.phase = ClientExchange.Phase.DONE;
                    return;
                case AWAIT_ACK:
                    stack.reliability.abandon(exchange);
                    break;
                case AWAIT_RESPONSE:
                    stack.wheel.cancel(exchange);
                    break;
                default:
                    return;
            }
            exchange.phase = ClientExchange.Phase.DONE;
            finished(exchange);
        });
    }

    private void start(ClientExchange exchange) {
        if (exchange.cancelled || exchange.phase != ClientExchange.Phase.NEW) {
            return;
        }
        Slots queue = slots.computeIfAbsent(exchange.address, ignored -> new Slots());
        if (queue.active < stack.config.get(StackConfig.NSTART)) {
            queue.active++;
            exchange.holdsSlot = true;
            send(exchange);
        } else if (queue.waiting.size() < stack.config.get(StackConfig.MAX_QUEUED_REQUESTS_PER_PEER)) {
            exchange.phase = ClientExchange.Phase.QUEUED;
            queue.waiting.add(exchange);
        } else {
            stack.stats.rejected.increment();
            exchange.fail(new CoapException(exchange.describe() + ": more than "
                    + stack.config.get(StackConfig.MAX_QUEUED_REQUESTS_PER_PEER) + " requests already wait for NSTART"));
        }
    }

    private void send(ClientExchange exchange) {
        Peer peer = stack.peers.acquire(exchange.address);
        if (peer == null) {
            stack.stats.rejected.increment();
            exchange.fail(new CoapException(exchange.describe() + ": peer table full"));
            return;
        }
        exchange.peer = peer;
        int messageId = stack.messageIds.next(exchange.address, stack.wheel.nanoTime());
        if (messageId < 0) {
            stack.stats.rejected.increment();
            exchange.fail(new CoapException(exchange.describe()
                    + ": every message ID toward the peer was used within EXCHANGE_LIFETIME"));
            return;
        }
        CoapType type = exchange.confirmable ? CoapType.CON : CoapType.NON;
        CoapMessage template = exchange.template;
        CoapMessage.Builder message = CoapMessage.builder(type, template.code()).messageId(messageId)
                .options(template.options()).payload(template.payload());
        if (!exchange.ping) {
            long token = newToken();
            exchange.token = token;
            byToken.put(token, exchange);
            message.token(tokenBytes(token));
        }
        exchange.message = message.build();
        exchange.sent();
        stack.stats.clientRequests.increment();
        if (exchange.confirmable) {
            exchange.phase = ClientExchange.Phase.AWAIT_ACK;
            stack.reliability.send(exchange);
        } else {
            exchange.phase = ClientExchange.Phase.AWAIT_RESPONSE;
            stack.write(exchange.message, exchange.address);
            armResponseTimeout(exchange);
        }
    }

    void armResponseTimeout(ClientExchange exchange) {
        stack.wheel.arm(exchange, responseTimeout.toNanos());
    }

    /** Releases the token and the NSTART slot of a finished exchange, starting the next queued one. */
    void finished(ClientExchange exchange) {
        if (!exchange.ping && byToken.get(exchange.token) == exchange) {
            byToken.remove(exchange.token);
        }
        if (exchange.peer != null) {
            stack.releaseIfIdle(exchange.peer);
        }
        if (!exchange.holdsSlot) {
            return;
        }
        exchange.holdsSlot = false;
        Slots queue = slots.get(exchange.address);
        if (queue == null) {
            return;
        }
        ClientExchange next;
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

    /** Matches a response (CON, NON, or arriving before the ACK of our CON); returns whether it was ours. */
    boolean onResponse(CoapMessage response, InetSocketAddress sender) {
        if (response.token().length != tokenLength) {
            return false;
        }
        long token = tokenKey(response.token());
        FluxSink<CoapResponse> group = multicastByToken.get(token);
        if (group != null) {
            group.next(CoapResponse.of(response, sender));
            return true;
        }
        ClientExchange exchange = byToken.get(token);
        if (exchange == null || !exchange.address.equals(sender)) {
            return false;
        }
        if (exchange.phase == ClientExchange.Phase.AWAIT_ACK) {
            // The separate response overtook (or replaced) the lost ACK: it acknowledges the request too.
            stack.reliability.settle(exchange.peer, exchange.message.messageId());
        } else {
            stack.wheel.cancel(exchange);
        }
        exchange.succeed(response);
        return true;
    }

    private long newToken() {
        long mask = tokenLength == 8 ? -1L : (1L << (tokenLength * 8)) - 1;
        long token;
        do {
            token = stack.random.nextLong() & mask;
        } while (byToken.containsKey(token) || multicastByToken.containsKey(token));
        return token;
    }

    private byte[] tokenBytes(long token) {
        byte[] bytes = new byte[tokenLength];
        for (int i = tokenLength - 1; i >= 0; i--) {
            bytes[i] = (byte) token;
            token >>>= 8;
        }
        return bytes;
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

    private static final class Slots {
        int active;
        final ArrayDeque<ClientExchange> waiting = new ArrayDeque<>();
    }
}
