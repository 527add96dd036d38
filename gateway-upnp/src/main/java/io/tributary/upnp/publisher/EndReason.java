package io.tributary.upnp.publisher;

/** Why a subscription ended; the {@code reason} tag of {@code tributary.upnp.subscriptions.ended}. */
public enum EndReason {
    /** The subscriber sent UNSUBSCRIBE. */
    UNSUBSCRIBED("unsubscribed"),
    /** The subscription was not renewed in time. */
    EXPIRED("expired"),
    /** The subscriber answered a NOTIFY with 412 (UDA 2.0 §4.3.2). */
    REFUSED("refused"),
    /** Too many consecutive messages could not be delivered to any callback URL. */
    UNDELIVERABLE("undeliverable"),
    /** The 200 answer to the SUBSCRIBE could not be sent, so the subscriber never learnt the SID. */
    ABORTED("aborted"),
    /** The publisher stopped. */
    STOPPED("stopped");

    private final String tag;

    EndReason(String tag) {
        this.tag = tag;
    }

    /** @return the metric tag value */
    public String tag() {
        return tag;
    }
}
