package io.tributary.coap.stack;

import io.tributary.core.config.Settings;

/**
 * What the stacks of one endpoint share: its counters, the message IDs it originates toward each peer, and its
 * observe relations. Thread-safe.
 */
public final class EndpointState {

    private final StackCounters counters = new StackCounters();
    private final MessageIds messageIds;
    private final Observations observations;

    /**
     * @param protocol the endpoint's protocol parameters, values of {@link StackConfig#SECTION}
     * @param stacks how many stacks (channels) the endpoint has
     */
    public EndpointState(Settings protocol, int stacks) {
        this.messageIds = new MessageIds(StackConfig.exchangeLifetime(protocol).toNanos(),
                protocol.get(StackConfig.MAX_PEERS));
        this.observations = new Observations(protocol, stacks);
    }

    /** @return the endpoint's counters */
    public StackCounters counters() {
        return counters;
    }

    /** @return the endpoint's message IDs */
    public MessageIds messageIds() {
        return messageIds;
    }

    /** @return the endpoint's observe relations */
    public Observations observations() {
        return observations;
    }
}
