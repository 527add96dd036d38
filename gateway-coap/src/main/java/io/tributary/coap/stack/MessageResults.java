package io.tributary.coap.stack;

import java.net.InetSocketAddress;

import io.tributary.coap.message.CoapMessage;

/**
 * The client side's outcomes as the stack has them: the message, or the stack's failure; what the block-wise and
 * observe parts of the client build on, and what tests and benchmarks read.
 */
public final class MessageResults implements ClientResults<CoapMessage> {

    /** The one instance. */
    public static final MessageResults INSTANCE = new MessageResults();

    private MessageResults() {
    }

    @Override
    public CoapMessage response(CoapMessage response, InetSocketAddress peer) {
        return response;
    }

    @Override
    public Throwable failure(ExchangeFailure failure) {
        return failure;
    }
}
