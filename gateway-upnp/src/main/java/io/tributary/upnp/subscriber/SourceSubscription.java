package io.tributary.upnp.subscriber;

import java.net.URI;

/**
 * A snapshot of one of this gateway's own GENA subscriptions (control-point side), for status views.
 *
 * @param url the publisher's event subscription URL
 * @param state {@code SUBSCRIBING}, {@code ACTIVE}, {@code WAITING} (to subscribe again) or {@code CLOSED}
 * @param sid the SID held, or {@code null} while none is
 * @param lastSeq the SEQ of the last event taken in, -1 before the initial event
 * @param grantedSeconds the subscription time the publisher granted, 0 before it answered
 * @param failures failed SUBSCRIBEs or losses of continuity in a row
 */
public record SourceSubscription(URI url, String state, String sid, long lastSeq, long grantedSeconds,
                                 int failures) {
}
