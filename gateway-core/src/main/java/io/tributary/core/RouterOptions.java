package io.tributary.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable router settings; every method returns a changed copy. Defaults: request timeout 5 s, at most
 * 100,000 retained topics, subscriptions as {@link SubscribeOptions#defaults()}.
 */
public final class RouterOptions {

    private static final RouterOptions DEFAULTS =
            new RouterOptions(Duration.ofSeconds(5), 100_000, SubscribeOptions.defaults());

    private final Duration requestTimeout;
    private final int maxRetained;
    private final SubscribeOptions subscribeDefaults;

    private RouterOptions(Duration requestTimeout, int maxRetained, SubscribeOptions subscribeDefaults) {
        this.requestTimeout = requestTimeout;
        this.maxRetained = maxRetained;
        this.subscribeDefaults = subscribeDefaults;
    }

    /** @return the defaults */
    public static RouterOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param timeout how long {@link Router#request(Message)} waits for a reply; default 5 s
     * @return a new options reference
     */
    public RouterOptions requestTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, was " + timeout);
        }
        return new RouterOptions(timeout, maxRetained, subscribeDefaults);
    }

    /**
     * @param topics how many topics may hold a retained value; further new retained topics are refused and
     *               counted; default 100,000
     * @return a new options reference
     */
    public RouterOptions maxRetained(int topics) {
        if (topics < 0) {
            throw new IllegalArgumentException("max retained must not be negative, was " + topics);
        }
        return new RouterOptions(requestTimeout, topics, subscribeDefaults);
    }

    /**
     * @param options the options used by {@link Router#subscribe(TopicFilter)}; default
     *                {@link SubscribeOptions#defaults()}
     * @return a new options reference
     */
    public RouterOptions subscribeDefaults(SubscribeOptions options) {
        return new RouterOptions(requestTimeout, maxRetained, Objects.requireNonNull(options, "options"));
    }

    /** @return the request timeout */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the retained-topic cap */
    public int maxRetained() {
        return maxRetained;
    }

    /** @return the default subscription options */
    public SubscribeOptions subscribeDefaults() {
        return subscribeDefaults;
    }
}
