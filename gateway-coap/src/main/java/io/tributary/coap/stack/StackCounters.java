package io.tributary.coap.stack;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one endpoint, shared by the stacks of its channels: each part of a stack adds to the ones it
 * owns, and the endpoint's public statistics read their sums.
 */
public final class StackCounters {

    /** Requests received by the server side. */
    public final LongAdder requests = new LongAdder();
    /** Responses of class 2 sent by the server side. */
    public final LongAdder success = new LongAdder();
    /** Responses of class 4 sent by the server side. */
    public final LongAdder clientErrors = new LongAdder();
    /** Responses of class 5 sent by the server side. */
    public final LongAdder serverErrors = new LongAdder();
    /** CON retransmissions sent. */
    public final LongAdder retransmissions = new LongAdder();
    /** CONs given up after MAX_RETRANSMIT, and client requests without a response in time. */
    public final LongAdder timeouts = new LongAdder();
    /** Duplicate messages recognised by deduplication. */
    public final LongAdder duplicates = new LongAdder();
    /** Datagrams that were not well-formed CoAP. */
    public final LongAdder formatErrors = new LongAdder();
    /** RST messages sent. */
    public final LongAdder resetsSent = new LongAdder();
    /** RST messages received for our CONs. */
    public final LongAdder resetsReceived = new LongAdder();
    /** Deduplication entries evicted early by a cap. */
    public final LongAdder dedupEvictions = new LongAdder();
    /** Messages refused for lack of resources (peer table full, queues full, message IDs exhausted). */
    public final LongAdder rejected = new LongAdder();
    /** ACK, RST or responses that matched nothing we sent. */
    public final LongAdder unmatched = new LongAdder();
    /** Client requests sent. */
    public final LongAdder clientRequests = new LongAdder();
    /** Block-wise transfers evicted by a newer one of the same peer beyond {@code max-transfers-per-peer}. */
    public final LongAdder transfersEvicted = new LongAdder();
    /** Blocks refused with 5.03 because transfers held {@code max-transfer-bytes}. */
    public final LongAdder transfersRefused = new LongAdder();
    /** Block-wise transfers that expired EXCHANGE_LIFETIME after their last block. */
    public final LongAdder transfersExpired = new LongAdder();
}
