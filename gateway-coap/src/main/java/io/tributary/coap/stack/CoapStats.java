package io.tributary.coap.stack;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one endpoint, shared by its channels; read by the meters. */
public final class CoapStats {

    final LongAdder requests = new LongAdder();
    final LongAdder success = new LongAdder();
    final LongAdder clientErrors = new LongAdder();
    final LongAdder serverErrors = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder formatErrors = new LongAdder();
    final LongAdder resetsSent = new LongAdder();
    final LongAdder resetsReceived = new LongAdder();
    final LongAdder dedupEvictions = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder unmatched = new LongAdder();
    final LongAdder clientRequests = new LongAdder();

    /** @return requests received by the server side */
    public long requests() {
        return requests.sum();
    }

    /**
     * @param codeClass 2, 4 or 5
     * @return responses sent by the server side with that class
     */
    public long responses(int codeClass) {
        switch (codeClass) {
            case 2:
                return success.sum();
            case 4:
                return clientErrors.sum();
            case 5:
                return serverErrors.sum();
            default:
                return 0;
        }
    }

    /** @return CON retransmissions sent */
    public long retransmissions() {
        return retransmissions.sum();
    }

    /** @return CONs given up after MAX_RETRANSMIT, and client requests that got no response in time */
    public long timeouts() {
        return timeouts.sum();
    }

    /** @return duplicate messages recognised by deduplication */
    public long duplicates() {
        return duplicates.sum();
    }

    /** @return datagrams that were not well-formed CoAP */
    public long formatErrors() {
        return formatErrors.sum();
    }

    /** @return RST messages sent */
    public long resetsSent() {
        return resetsSent.sum();
    }

    /** @return RST messages received for our CONs */
    public long resetsReceived() {
        return resetsReceived.sum();
    }

    /** @return deduplication entries evicted early by the per-peer or total cap */
    public long dedupEvictions() {
        return dedupEvictions.sum();
    }

    /** @return requests refused for lack of resources (peer table full, queues full, IDs exhausted) */
    public long rejected() {
        return rejected.sum();
    }

    /** @return ACK, RST or responses that matched nothing we sent */
    public long unmatched() {
        return unmatched.sum();
    }

    /** @return client requests started */
    public long clientRequests() {
        return clientRequests.sum();
    }
}
