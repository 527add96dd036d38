package io.tributary.upnp.publisher;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable publisher settings (UDA 2.0 §4.1–§4.3); every method returns a changed copy. Defaults: granted
 * TIMEOUT between 1800 s and 3600 s, 1800 s when none or {@code infinite} is asked; 10,000 subscriptions in total
 * and 64 per requester address; 32 queued NOTIFY messages per subscription before changes coalesce; NOTIFY
 * connect timeout 5 s and response timeout 10 s; a subscription ends after 3 messages in a row that no callback
 * URL accepted; CallStranger and Host checks as {@link CallbackPolicy#defaults()} and
 * {@link HostPolicy#defaults()}; at most 64 connections per subscriber address; SERVER product token
 * {@code Tributary/0.1}.
 */
public final class PublisherOptions {

    private static final PublisherOptions DEFAULTS = new PublisherOptions(Duration.ofSeconds(1800),
            Duration.ofSeconds(3600), Duration.ofSeconds(1800), 10_000, 64, 32, Duration.ofSeconds(5),
            Duration.ofSeconds(10), 3, CallbackPolicy.defaults(), HostPolicy.defaults(), 64, "Tributary/0.1");

    private final Duration minTimeout;
    private final Duration maxTimeout;
    private final Duration defaultTimeout;
    private final int maxSubscriptions;
    private final int maxSubscriptionsPerRequester;
    private final int queueCapacity;
    private final Duration connectTimeout;
    private final Duration notifyTimeout;
    private final int maxDeliveryFailures;
    private final CallbackPolicy callbackPolicy;
    private final HostPolicy hostPolicy;
    private final int maxConnectionsPerSubscriber;
    private final String product;

    private PublisherOptions(Duration minTimeout, Duration maxTimeout, Duration defaultTimeout, int maxSubscriptions,
                             int maxSubscriptionsPerRequester, int queueCapacity, Duration connectTimeout,
                             Duration notifyTimeout, int maxDeliveryFailures, CallbackPolicy callbackPolicy,
                             HostPolicy hostPolicy, int maxConnectionsPerSubscriber, String product) {
        this.minTimeout = minTimeout;
        this.maxTimeout = maxTimeout;
        this.defaultTimeout = defaultTimeout;
        this.maxSubscriptions = maxSubscriptions;
        this.maxSubscriptionsPerRequester = maxSubscriptionsPerRequester;
        this.queueCapacity = queueCapacity;
        this.connectTimeout = connectTimeout;
        this.notifyTimeout = notifyTimeout;
        this.maxDeliveryFailures = maxDeliveryFailures;
        this.callbackPolicy = callbackPolicy;
        this.hostPolicy = hostPolicy;
        this.maxConnectionsPerSubscriber = maxConnectionsPerSubscriber;
        this.product = product;
    }

    /** @return the defaults listed in the class description */
    public static PublisherOptions defaults() {
        return DEFAULTS;
    }

    private PublisherOptions copy(Duration min, Duration max, Duration dflt, int total, int perRequester,
                                  int queue, Duration connect, Duration notify, int failures, CallbackPolicy callbacks,
                                  HostPolicy hosts, int connections, String token) {
        if (min.getSeconds() < 1 || max.compareTo(min) < 0 || dflt.compareTo(min) < 0 || dflt.compareTo(max) > 0) {
            throw new IllegalArgumentException("timeouts must satisfy 1 s <= min <= default <= max, were " + min
                    + ", " + dflt + ", " + max);
        }
        if (total < 1 || perRequester < 1 || queue < 1 || failures < 1 || connections < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        if (connect.isNegative() || connect.isZero() || notify.isNegative() || notify.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        return new PublisherOptions(min, max, dflt, total, perRequester, queue, connect, notify, failures, callbacks,
                hosts, connections, token);
    }

    /**
     * Sets the range a requested TIMEOUT is clamped to, and the grant when none (or {@code infinite}) is asked;
     * UDA 1.1 forbids granting {@code infinite} and recommends at least 1800 s.
     *
     * @param min shortest grant; default 1800 s
     * @param dflt grant when none is asked; default 1800 s
     * @param max longest grant; default 3600 s
     * @return a new options reference
     */
    public PublisherOptions timeouts(Duration min, Duration dflt, Duration max) {
        return copy(min, max, dflt, maxSubscriptions, maxSubscriptionsPerRequester, queueCapacity, connectTimeout,
                notifyTimeout, maxDeliveryFailures, callbackPolicy, hostPolicy, maxConnectionsPerSubscriber, product);
    }

    /**
     * @param total subscriptions of all services together; further SUBSCRIBEs get 503; default 10,000
     * @return a new options reference
     */
    public PublisherOptions maxSubscriptions(int total) {
        return copy(minTimeout, maxTimeout, defaultTimeout, total, maxSubscriptionsPerRequester, queueCapacity,
                connectTimeout, notifyTimeout, maxDeliveryFailures, callbackPolicy, hostPolicy,
                maxConnectionsPerSubscriber, product);
    }

    /**
     * @param count subscriptions one requester IP address may hold; further SUBSCRIBEs get 503; default 64
     * @return a new options reference
     */
    public PublisherOptions maxSubscriptionsPerRequester(int count) {
        return copy(minTimeout, maxTimeout, defaultTimeout, maxSubscriptions, count, queueCapacity, connectTimeout,
                notifyTimeout, maxDeliveryFailures, callbackPolicy, hostPolicy, maxConnectionsPerSubscriber, product);
    }

    /**
     * @param messages NOTIFY messages that may wait per subscription; beyond it changes merge into the last
     *                 waiting message (newer value of a variable replacing the older); default 32
     * @return a new options reference
     */
    public PublisherOptions queueCapacity(int messages) {
        return copy(minTimeout, maxTimeout, defaultTimeout, maxSubscriptions, maxSubscriptionsPerRequester, messages,
                connectTimeout, notifyTimeout, maxDeliveryFailures, callbackPolicy, hostPolicy,
                maxConnectionsPerSubscriber, product);
    }

    /**
     * @param connect TCP connect timeout per callback URL; default 5 s
     * @param response how long a subscriber may take to answer one NOTIFY; default 10 s
     * @return a new options reference
     */
    public PublisherOptions notifyTimeouts(Duration connect, Duration response) {
        return copy(minTimeout, maxTimeout, defaultTimeout, maxSubscriptions, maxSubscriptionsPerRequester,
                queueCapacity, connect, response, maxDeliveryFailures, callbackPolicy, hostPolicy,
                maxConnectionsPerSubscriber, product);
    }

    /**
     * @param messages consecutive messages no callback URL accepted after which the subscription ends; default 3
     * @return a new options reference
     */
    public PublisherOptions maxDeliveryFailures(int messages) {
        return copy(minTimeout, maxTimeout, defaultTimeout, maxSubscriptions, maxSubscriptionsPerRequester,
                queueCapacity, connectTimeout, notifyTimeout, messages, callbackPolicy, hostPolicy,
                maxConnectionsPerSubscriber, product);
    }

    /**
     * @param policy CALLBACK checks; default {@link CallbackPolicy#defaults()}
     * @return a new options reference
     */
    public PublisherOptions callbackPolicy(CallbackPolicy policy) {
        return copy(minTimeout, maxTimeout, defaultTimeout, maxSubscriptions, maxSubscriptionsPerRequester,
                queueCapacity, connectTimeout, notifyTimeout, maxDeliveryFailures,
                Objects.requireNonNull(policy, "policy"), hostPolicy, maxConnectionsPerSubscriber, product);
    }

    /**
     * @param policy Host header checks; default {@link HostPolicy#defaults()}
     * @return a new options reference
     */
    public PublisherOptions hostPolicy(HostPolicy policy) {
        return copy(minTimeout, maxTimeout, defaultTimeout, maxSubscriptions, maxSubscriptionsPerRequester,
                queueCapacity, connectTimeout, notifyTimeout, maxDeliveryFailures, callbackPolicy,
                Objects.requireNonNull(policy, "policy"), maxConnectionsPerSubscriber, product);
    }

    /**
     * @param connections pooled connections per subscriber address (host and port); default 64
     * @return a new options reference
     */
    public PublisherOptions maxConnectionsPerSubscriber(int connections) {
        return copy(minTimeout, maxTimeout, defaultTimeout, maxSubscriptions, maxSubscriptionsPerRequester,
                queueCapacity, connectTimeout, notifyTimeout, maxDeliveryFailures, callbackPolicy, hostPolicy,
                connections, product);
    }

    /**
     * @param token product token of the SERVER header, e.g. {@code Tributary/0.1}; default {@code Tributary/0.1}
     * @return a new options reference
     */
    public PublisherOptions product(String token) {
        return copy(minTimeout, maxTimeout, defaultTimeout, maxSubscriptions, maxSubscriptionsPerRequester,
                queueCapacity, connectTimeout, notifyTimeout, maxDeliveryFailures, callbackPolicy, hostPolicy,
                maxConnectionsPerSubscriber, Objects.requireNonNull(token, "token"));
    }

    /** @return the shortest grant */
    public Duration minTimeout() {
        return minTimeout;
    }

    /** @return the longest grant */
    public Duration maxTimeout() {
        return maxTimeout;
    }

    /** @return the grant when none is asked */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** @return the total subscription limit */
    public int maxSubscriptions() {
        return maxSubscriptions;
    }

    /** @return the per-requester subscription limit */
    public int maxSubscriptionsPerRequester() {
        return maxSubscriptionsPerRequester;
    }

    /** @return NOTIFY messages that may wait per subscription */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** @return the NOTIFY connect timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the NOTIFY response timeout */
    public Duration notifyTimeout() {
        return notifyTimeout;
    }

    /** @return consecutive undelivered messages that end a subscription */
    public int maxDeliveryFailures() {
        return maxDeliveryFailures;
    }

    /** @return the CALLBACK policy */
    public CallbackPolicy callbackPolicy() {
        return callbackPolicy;
    }

    /** @return the Host header policy */
    public HostPolicy hostPolicy() {
        return hostPolicy;
    }

    /** @return pooled connections per subscriber address */
    public int maxConnectionsPerSubscriber() {
        return maxConnectionsPerSubscriber;
    }

    /** @return the SERVER product token */
    public String product() {
        return product;
    }

    /**
     * @param requestedSeconds seconds asked in TIMEOUT, or a negative value for none/infinite
     * @return the seconds granted
     */
    long grant(long requestedSeconds) {
        if (requestedSeconds < 0) {
            return defaultTimeout.getSeconds();
        }
        return Math.max(minTimeout.getSeconds(), Math.min(maxTimeout.getSeconds(), requestedSeconds));
    }
}
