package io.tributary.coap;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable CoAP endpoint settings with the defaults of RFC 7252; every method returns a changed copy. Derived
 * values (MAX_TRANSMIT_WAIT, EXCHANGE_LIFETIME) follow §4.8.2 unless set explicitly.
 */
public final class CoapConfig {

    private static final CoapConfig DEFAULTS = new CoapConfig(Duration.ofSeconds(2), 1.5, 4, 1,
            Duration.ofSeconds(5), null, null, Duration.ofSeconds(1), 512, 500_000, 100_000, 1152, 2048,
            4 << 20, 4 << 20, Duration.ofMillis(1), 8, 1024, 0);

    private final Duration ackTimeout;
    private final double ackRandomFactor;
    private final int maxRetransmit;
    private final int nstart;
    private final Duration defaultLeisure;
    private final Duration exchangeLifetime;
    private final Duration nonLifetime;
    private final Duration separateResponseDelay;
    private final int dedupPerPeer;
    private final int dedupTotal;
    private final int maxPeers;
    private final int maxMessageSize;
    private final int maxDatagramSize;
    private final int receiveBufferSize;
    private final int sendBufferSize;
    private final Duration timerTick;
    private final int tokenLength;
    private final int maxQueuedRequestsPerPeer;
    private final int channels;

    private CoapConfig(Duration ackTimeout, double ackRandomFactor, int maxRetransmit, int nstart,
                       Duration defaultLeisure, Duration exchangeLifetime, Duration nonLifetime,
                       Duration separateResponseDelay, int dedupPerPeer, int dedupTotal, int maxPeers,
                       int maxMessageSize, int maxDatagramSize, int receiveBufferSize, int sendBufferSize,
                       Duration timerTick, int tokenLength, int maxQueuedRequestsPerPeer, int channels) {
        this.ackTimeout = ackTimeout;
        this.ackRandomFactor = ackRandomFactor;
        this.maxRetransmit = maxRetransmit;
        this.nstart = nstart;
        this.defaultLeisure = defaultLeisure;
        this.exchangeLifetime = exchangeLifetime;
        this.nonLifetime = nonLifetime;
        this.separateResponseDelay = separateResponseDelay;
        this.dedupPerPeer = dedupPerPeer;
        this.dedupTotal = dedupTotal;
        this.maxPeers = maxPeers;
        this.maxMessageSize = maxMessageSize;
        this.maxDatagramSize = maxDatagramSize;
        this.receiveBufferSize = receiveBufferSize;
        this.sendBufferSize = sendBufferSize;
        this.timerTick = timerTick;
        this.tokenLength = tokenLength;
        this.maxQueuedRequestsPerPeer = maxQueuedRequestsPerPeer;
        this.channels = channels;
    }

    /** @return the RFC 7252 defaults */
    public static CoapConfig defaults() {
        return DEFAULTS;
    }

    private Builder copy() {
        return new Builder(this);
    }

    /**
     * @param timeout ACK_TIMEOUT (RFC 7252 §4.8): the initial retransmission timeout before randomisation; default 2 s
     * @return a new config reference
     */
    public CoapConfig ackTimeout(Duration timeout) {
        return copy().ackTimeout(positive(timeout, "ackTimeout")).build();
    }

    /**
     * @param factor ACK_RANDOM_FACTOR (RFC 7252 §4.8): the first timeout is random in
     *               [ACK_TIMEOUT, ACK_TIMEOUT x factor]; at least 1; default 1.5
     * @return a new config reference
     */
    public CoapConfig ackRandomFactor(double factor) {
        if (!(factor >= 1.0)) {
            throw new IllegalArgumentException("ackRandomFactor must be at least 1, was " + factor);
        }
        return copy().ackRandomFactor(factor).build();
    }

    /**
     * @param count MAX_RETRANSMIT (RFC 7252 §4.8): retransmissions of a CON before giving up; default 4
     * @return a new config reference
     */
    public CoapConfig maxRetransmit(int count) {
        return copy().maxRetransmit(atLeast(count, 0, "maxRetransmit")).build();
    }

    /**
     * @param count NSTART (RFC 7252 §4.7): outstanding client interactions per peer; more wait in a queue;
     *              default 1
     * @return a new config reference
     */
    public CoapConfig nstart(int count) {
        return copy().nstart(atLeast(count, 1, "nstart")).build();
    }

    /**
     * @param leisure DEFAULT_LEISURE (RFC 7252 §8.2): responses to multicast requests are delayed by a random time
     *                up to this; default 5 s
     * @return a new config reference
     */
    public CoapConfig defaultLeisure(Duration leisure) {
        return copy().defaultLeisure(nonNegative(leisure, "defaultLeisure")).build();
    }

    /**
     * @param lifetime EXCHANGE_LIFETIME (RFC 7252 §4.8.2): how long a CON message ID is remembered for
     *                 deduplication and not reused; default derived, 247 s with the default parameters
     * @return a new config reference
     */
    public CoapConfig exchangeLifetime(Duration lifetime) {
        return copy().exchangeLifetime(positive(lifetime, "exchangeLifetime")).build();
    }

    /**
     * @param lifetime NON_LIFETIME (RFC 7252 §4.8.2): how long a NON message ID is remembered; default derived,
     *                 145 s with the default parameters
     * @return a new config reference
     */
    public CoapConfig nonLifetime(Duration lifetime) {
        return copy().nonLifetime(positive(lifetime, "nonLifetime")).build();
    }

    /**
     * @param delay how long a handler may take before the server sends an empty ACK and answers later with a
     *              separate response (RFC 7252 §5.2.2); default 1 s (half of ACK_TIMEOUT)
     * @return a new config reference
     */
    public CoapConfig separateResponseDelay(Duration delay) {
        return copy().separateResponseDelay(nonNegative(delay, "separateResponseDelay")).build();
    }

    /**
     * @param entries message IDs remembered per peer for deduplication (RFC 7252 §4.5); the oldest is evicted
     *                beyond this; default 512
     * @return a new config reference
     */
    public CoapConfig dedupPerPeer(int entries) {
        return copy().dedupPerPeer(atLeast(entries, 1, "dedupPerPeer")).build();
    }

    /**
     * @param entries message IDs remembered in total per endpoint (RFC 7252 §4.5); default 500,000
     * @return a new config reference
     */
    public CoapConfig dedupTotal(int entries) {
        return copy().dedupTotal(atLeast(entries, 1, "dedupTotal")).build();
    }

    /**
     * @param peers peers tracked at once per endpoint; requests from further peers get 5.03; default 100,000
     * @return a new config reference
     */
    public CoapConfig maxPeers(int peers) {
        return copy().maxPeers(atLeast(peers, 1, "maxPeers")).build();
    }

    /**
     * @param bytes largest message this endpoint sends (RFC 7252 §4.6 recommends 1152); default 1152
     * @return a new config reference
     */
    public CoapConfig maxMessageSize(int bytes) {
        return copy().maxMessageSize(atLeast(bytes, 64, "maxMessageSize")).build();
    }

    /**
     * @param bytes largest datagram accepted, up to 65,507; a larger one is refused as a format error (RST for a
     *              CON) rather than decoded cut short; default 2,048 (CoAP over UDP should stay under 1,152,
     *              RFC 7252 §4.6)
     * @return a new config reference
     */
    public CoapConfig maxDatagramSize(int bytes) {
        if (bytes > 65_507) {
            throw new IllegalArgumentException("maxDatagramSize must be at most 65507, was " + bytes);
        }
        return copy().maxDatagramSize(atLeast(bytes, 64, "maxDatagramSize")).build();
    }

    /**
     * @param bytes SO_RCVBUF (the kernel may cap it at net.core.rmem_max); default 4 MiB
     * @return a new config reference
     */
    public CoapConfig receiveBufferSize(int bytes) {
        return copy().receiveBufferSize(atLeast(bytes, 4096, "receiveBufferSize")).build();
    }

    /**
     * @param bytes SO_SNDBUF; default 4 MiB
     * @return a new config reference
     */
    public CoapConfig sendBufferSize(int bytes) {
        return copy().sendBufferSize(atLeast(bytes, 4096, "sendBufferSize")).build();
    }

    /**
     * @param tick resolution of the retransmission timer wheel; default 1 ms
     * @return a new config reference
     */
    public CoapConfig timerTick(Duration tick) {
        return copy().timerTick(positive(tick, "timerTick")).build();
    }

    /**
     * @param bytes length of the random tokens of client requests, 4 to 8 (RFC 7252 §5.3.1); default 8
     * @return a new config reference
     */
    public CoapConfig tokenLength(int bytes) {
        if (bytes < 4 || bytes > 8) {
            throw new IllegalArgumentException("tokenLength must be 4-8, was " + bytes);
        }
        return copy().tokenLength(bytes).build();
    }

    /**
     * @param requests client requests that may wait for an NSTART slot per peer; more fail at once; default 1,024
     * @return a new config reference
     */
    public CoapConfig maxQueuedRequestsPerPeer(int requests) {
        return copy().maxQueuedRequestsPerPeer(atLeast(requests, 0, "maxQueuedRequestsPerPeer")).build();
    }

    /**
     * @param count sockets bound to the same port with SO_REUSEPORT, one per event loop (epoll only);
     *              0 means one per event loop; default 0
     * @return a new config reference
     */
    public CoapConfig channels(int count) {
        return copy().channels(atLeast(count, 0, "channels")).build();
    }

    /** @return ACK_TIMEOUT */
    public Duration ackTimeout() {
        return ackTimeout;
    }

    /** @return ACK_RANDOM_FACTOR */
    public double ackRandomFactor() {
        return ackRandomFactor;
    }

    /** @return MAX_RETRANSMIT */
    public int maxRetransmit() {
        return maxRetransmit;
    }

    /** @return NSTART */
    public int nstart() {
        return nstart;
    }

    /** @return DEFAULT_LEISURE */
    public Duration defaultLeisure() {
        return defaultLeisure;
    }

    /** @return MAX_TRANSMIT_SPAN (§4.8.2): ACK_TIMEOUT x (2^MAX_RETRANSMIT - 1) x ACK_RANDOM_FACTOR */
    public Duration maxTransmitSpan() {
        return scale(ackTimeout, ((1L << maxRetransmit) - 1) * ackRandomFactor);
    }

    /** @return MAX_TRANSMIT_WAIT (§4.8.2): ACK_TIMEOUT x (2^(MAX_RETRANSMIT + 1) - 1) x ACK_RANDOM_FACTOR */
    public Duration maxTransmitWait() {
        return scale(ackTimeout, ((1L << (maxRetransmit + 1)) - 1) * ackRandomFactor);
    }

    /** @return EXCHANGE_LIFETIME (§4.8.2): MAX_TRANSMIT_SPAN + 2 x MAX_LATENCY (100 s) + PROCESSING_DELAY */
    public Duration exchangeLifetime() {
        return exchangeLifetime != null ? exchangeLifetime
                : maxTransmitSpan().plus(Duration.ofSeconds(200)).plus(ackTimeout);
    }

    /** @return NON_LIFETIME (§4.8.2): MAX_TRANSMIT_SPAN + MAX_LATENCY (100 s) */
    public Duration nonLifetime() {
        return nonLifetime != null ? nonLifetime : maxTransmitSpan().plus(Duration.ofSeconds(100));
    }

    /** @return the separate-response delay */
    public Duration separateResponseDelay() {
        return separateResponseDelay;
    }

    /** @return deduplication entries per peer */
    public int dedupPerPeer() {
        return dedupPerPeer;
    }

    /** @return deduplication entries in total */
    public int dedupTotal() {
        return dedupTotal;
    }

    /** @return peers tracked at once */
    public int maxPeers() {
        return maxPeers;
    }

    /** @return largest message sent, in bytes */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** @return largest datagram accepted, in bytes */
    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    /** @return SO_RCVBUF in bytes */
    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    /** @return SO_SNDBUF in bytes */
    public int sendBufferSize() {
        return sendBufferSize;
    }

    /** @return timer wheel resolution */
    public Duration timerTick() {
        return timerTick;
    }

    /** @return client token length in bytes */
    public int tokenLength() {
        return tokenLength;
    }

    /** @return queued client requests per peer */
    public int maxQueuedRequestsPerPeer() {
        return maxQueuedRequestsPerPeer;
    }

    /** @return sockets per endpoint, 0 for one per event loop */
    public int channels() {
        return channels;
    }

    private static Duration scale(Duration duration, double factor) {
        return Duration.ofNanos((long) (duration.toNanos() * factor));
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    private static Duration nonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    private static int atLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    /** Mutable copy used only inside the withers. */
    private static final class Builder {
        private Duration ackTimeout;
        private double ackRandomFactor;
        private int maxRetransmit;
        private int nstart;
        private Duration defaultLeisure;
        private Duration exchangeLifetime;
        private Duration nonLifetime;
        private Duration separateResponseDelay;
        private int dedupPerPeer;
        private int dedupTotal;
        private int maxPeers;
        private int maxMessageSize;
        private int maxDatagramSize;
        private int receiveBufferSize;
        private int sendBufferSize;
        private Duration timerTick;
        private int tokenLength;
        private int maxQueuedRequestsPerPeer;
        private int channels;

        Builder(CoapConfig c) {
            ackTimeout = c.ackTimeout;
            ackRandomFactor = c.ackRandomFactor;
            maxRetransmit = c.maxRetransmit;
            nstart = c.nstart;
            defaultLeisure = c.defaultLeisure;
            exchangeLifetime = c.exchangeLifetime;
            nonLifetime = c.nonLifetime;
            separateResponseDelay = c.separateResponseDelay;
            dedupPerPeer = c.dedupPerPeer;
            dedupTotal = c.dedupTotal;
            maxPeers = c.maxPeers;
            maxMessageSize = c.maxMessageSize;
            maxDatagramSize = c.maxDatagramSize;
            receiveBufferSize = c.receiveBufferSize;
            sendBufferSize = c.sendBufferSize;
            timerTick = c.timerTick;
            tokenLength = c.tokenLength;
            maxQueuedRequestsPerPeer = c.maxQueuedRequestsPerPeer;
            channels = c.channels;
        }

        Builder ackTimeout(Duration v) { ackTimeout = v; return this; }
        Builder ackRandomFactor(double v) { ackRandomFactor = v; return this; }
        Builder maxRetransmit(int v) { maxRetransmit = v; return this; }
        Builder nstart(int v) { nstart = v; return this; }
        Builder defaultLeisure(Duration v) { defaultLeisure = v; return this; }
        Builder exchangeLifetime(Duration v) { exchangeLifetime = v; return this; }
        Builder nonLifetime(Duration v) { nonLifetime = v; return this; }
        Builder separateResponseDelay(Duration v) { separateResponseDelay = v; return this; }
        Builder dedupPerPeer(int v) { dedupPerPeer = v; return this; }
        Builder dedupTotal(int v) { dedupTotal = v; return this; }
        Builder maxPeers(int v) { maxPeers = v; return this; }
        Builder maxMessageSize(int v) { maxMessageSize = v; return this; }
        Builder maxDatagramSize(int v) { maxDatagramSize = v; return this; }
        Builder receiveBufferSize(int v) { receiveBufferSize = v; return this; }
        Builder sendBufferSize(int v) { sendBufferSize = v; return this; }
        Builder timerTick(Duration v) { timerTick = v; return this; }
        Builder tokenLength(int v) { tokenLength = v; return this; }
        Builder maxQueuedRequestsPerPeer(int v) { maxQueuedRequestsPerPeer = v; return this; }
        Builder channels(int v) { channels = v; return this; }

        CoapConfig build() {
            return new CoapConfig(ackTimeout, ackRandomFactor, maxRetransmit, nstart, defaultLeisure,
                    exchangeLifetime, nonLifetime, separateResponseDelay, dedupPerPeer, dedupTotal, maxPeers,
                    maxMessageSize, maxDatagramSize, receiveBufferSize, sendBufferSize, timerTick, tokenLength,
                    maxQueuedRequestsPerPeer, channels);
        }
    }
}
