package io.tributary.coap.stack;

import io.tributary.coap.message.CoapMessage;

/**
 * One remembered message ID of a peer (RFC 7252 §4.5): while the exchange is in progress {@code reply} is null
 * and duplicates are ignored; afterwards a duplicate gets {@code reply} again (the piggybacked response, or the
 * empty ACK), so the handler never runs twice.
 */
final class DedupEntry {

    Peer peer;
    int messageId;
    int expirySecond;
    CoapMessage reply;
    DedupEntry bucketPrevious;
    DedupEntry bucketNext;
    DedupEntry peerPrevious;
    DedupEntry peerNext;

    /** @return the message to send again for a duplicate, or {@code null} while the exchange is in progress */
    CoapMessage reply() {
        return reply;
    }

    void reply(CoapMessage message) {
        this.reply = message;
    }
}
