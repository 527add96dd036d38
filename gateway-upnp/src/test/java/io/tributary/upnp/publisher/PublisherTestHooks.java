package io.tributary.upnp.publisher;

/** Reaches package-private test hooks of the publisher from other test packages. */
public final class PublisherTestHooks {

    private PublisherTestHooks() {
    }

    /**
     * @param publisher a running publisher
     * @param sid a subscription
     * @param seq the SEQ its next message carries
     */
    public static void nextSeq(RunningPublisher publisher, String sid, long seq) {
        publisher.nextSeq(sid, seq);
    }
}
