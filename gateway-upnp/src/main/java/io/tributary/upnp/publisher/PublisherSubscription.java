package io.tributary.upnp.publisher;

import java.util.List;

/**
 * A snapshot of one subscription a remote control point holds at this publisher, for status views.
 *
 * @param sid its SID, {@code uuid:...}
 * @param path the event subscription path of its service, e.g. {@code /upnp/event/topics}
 * @param callbacks its CALLBACK URLs, in the order they are tried
 * @param requester the address the SUBSCRIBE came from
 * @param seq the SEQ the next NOTIFY carries (UDA 2.0 §4.3.2)
 * @param failures NOTIFYs failed in a row
 * @param expiresInSeconds seconds until it expires unless renewed, 0 when due
 */
public record PublisherSubscription(String sid, String path, List<String> callbacks, String requester, long seq,
                                    int failures, long expiresInSeconds) {

    /** Copies the callbacks. */
    public PublisherSubscription {
        callbacks = List.copyOf(callbacks);
    }
}
