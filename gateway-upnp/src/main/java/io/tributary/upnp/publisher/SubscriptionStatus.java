package io.tributary.upnp.publisher;

import java.time.Duration;
import java.util.List;

/**
 * A read-only view of one subscription a control point holds at the publisher, for status pages.
 *
 * @param sid the subscription identifier
 * @param eventPath the service's event subscription path
 * @param requester the control point's IP address
 * @param callbacks the callback URLs in the order they are tried
 * @param expiresIn the time until it expires unless renewed (zero when due)
 * @param nextSeq the SEQ of the next event message
 */
public record SubscriptionStatus(String sid, String eventPath, String requester, List<String> callbacks,
                                 Duration expiresIn, long nextSeq) {

    /**
     * Copies the list.
     *
     * @param sid the SID
     * @param eventPath the event path
     * @param requester the requester
     * @param callbacks the callback URLs
     * @param expiresIn the time left
     * @param nextSeq the next SEQ
     */
    public SubscriptionStatus {
        callbacks = List.copyOf(callbacks);
    }
}
