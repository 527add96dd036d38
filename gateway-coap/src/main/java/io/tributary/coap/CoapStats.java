package io.tributary.coap;

import io.tributary.coap.stack.Observations;
import io.tributary.coap.stack.RemovalReason;
import io.tributary.coap.stack.StackCounters;

/** The counters of one endpoint, summed over its channels; read without locks, for meters. */
public final class CoapStats {

    private final StackCounters counters;
    private final Observations observations;

    CoapStats(StackCounters counters, Observations observations) {
        this.counters = counters;
        this.observations = observations;
    }

    /** @return requests received by the server side */
    public long requests() {
        return counters.requests.sum();
    }

    /**
     * @param codeClass 2, 4 or 5
     * @return responses sent by the server side with that class, 0 for another class
     */
    public long responses(int codeClass) {
        switch (codeClass) {
            case 2:
                return counters.success.sum();
            case 4:
                return counters.clientErrors.sum();
            case 5:
                return counters.serverErrors.sum();
            default:
                return 0;
        }
    }

    /** @return CON retransmissions sent */
    public long retransmissions() {
        return counters.retransmissions.sum();
    }

    /** @return CONs given up after MAX_RETRANSMIT, and client requests that got no response in time */
    public long timeouts() {
        return counters.timeouts.sum();
    }

    /** @return duplicate messages recognised by deduplication */
    public long duplicates() {
        return counters.duplicates.sum();
    }

    /** @return datagrams that were not well-formed CoAP */
    public long formatErrors() {
        return counters.formatErrors.sum();
    }

    /** @return RST messages sent */
    public long resetsSent() {
        return counters.resetsSent.sum();
    }

    /** @return RST messages received for our CONs */
    public long resetsReceived() {
        return counters.resetsReceived.sum();
    }

    /** @return deduplication entries evicted early by the per-peer or total cap */
    public long dedupEvictions() {
        return counters.dedupEvictions.sum();
    }

    /** @return messages refused for lack of resources (peer table full, queues full, message IDs exhausted) */
    public long rejected() {
        return counters.rejected.sum();
    }

    /** @return ACK, RST or responses that matched nothing we sent */
    public long unmatched() {
        return counters.unmatched.sum();
    }

    /** @return client requests sent */
    public long clientRequests() {
        return counters.clientRequests.sum();
    }

    /** @return observe relations held (RFC 7641) */
    public int observeRelations() {
        return observations.relations();
    }

    /**
     * @param confirmable CON (true) or NON (false)
     * @return notifications sent in that message type
     */
    public long notifications(boolean confirmable) {
        return observations.notifications(confirmable);
    }

    /**
     * @param reason why
     * @return observe relations removed for that reason ({@link RemovalReason#LIMIT}: registrations refused)
     */
    public long observersRemoved(RemovalReason reason) {
        return observations.removed(reason);
    }

    /** @return block-wise transfers evicted by a newer one of the same peer beyond the per-peer cap */
    public long transfersEvicted() {
        return counters.transfersEvicted.sum();
    }

    /** @return blocks refused with 5.03 because transfers held all the bytes allowed */
    public long transfersRefused() {
        return counters.transfersRefused.sum();
    }

    /** @return block-wise transfers expired EXCHANGE_LIFETIME after their last block */
    public long transfersExpired() {
        return counters.transfersExpired.sum();
    }
}
