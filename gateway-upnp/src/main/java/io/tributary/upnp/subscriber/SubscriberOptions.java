package io.tributary.upnp.subscriber;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.core.time.SchedulingClock;
import io.tributary.core.xml.XmlLimits;
import reactor.netty.resources.LoopResources;

/**
 * Immutable settings of a {@link GenaSubscriber}; every method returns a changed copy. The callback URL given to
 * publishers is {@code callbackAddress} + {@code callbackPath} + a random token; without a configured address it
 * is {@code http://<local address of the connection to the publisher>:<callbackPort>}. Defaults: no advertised
 * address, port 0 (unknown: set one of the two), path prefix {@code /upnp/callback/}, NOTIFY bodies up to
 * 256 KiB, a NOTIFY that arrives before its SUBSCRIBE answer held up to 5 s, SUBSCRIBE/UNSUBSCRIBE connect timeout
 * 5 s and answer timeout 10 s, default XML limits, a new simple meter registry, Reactor Netty's global loops and a
 * timer on one of them.
 */
public final class SubscriberOptions {

    private static final SubscriberOptions DEFAULTS = new SubscriberOptions(null, 0, "/upnp/callback/", 256 * 1024,
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), XmlLimits.defaults(), null, null,
            null);

    private final URI callbackAddress;
    private final int callbackPort;
    private final String callbackPath;
    private final int maxBodySize;
    private final Duration holdTimeout;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final XmlLimits xmlLimits;
    private final MeterRegistry meterRegistry;
    private final SchedulingClock timer;
    private final LoopResources loops;

    private SubscriberOptions(URI callbackAddress, int callbackPort, String callbackPath, int maxBodySize,
                              Duration holdTimeout, Duration connectTimeout, Duration requestTimeout,
                              XmlLimits xmlLimits, MeterRegistry meterRegistry, SchedulingClock timer, LoopResources loops) {
        this.callbackAddress = callbackAddress;
        this.callbackPort = callbackPort;
        this.callbackPath = callbackPath;
        this.maxBodySize = maxBodySize;
        this.holdTimeout = holdTimeout;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.xmlLimits = xmlLimits;
        this.meterRegistry = meterRegistry;
        this.timer = timer;
        this.loops = loops;
    }

    /** @return the defaults */
    public static SubscriberOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param address the advertised callback base, e.g. {@code http://192.168.1.10:8080} for Docker or multi-homed
     *                hosts; {@code null} to use the local address of each connection; default {@code null}
     * @return a new options reference
     */
    public SubscriberOptions callbackAddress(URI address) {
        if (address != null && (!"http".equalsIgnoreCase(address.getScheme()) || address.getHost() == null)) {
            throw new IllegalArgumentException("callback address must be an http:// URL with a host, was " + address);
        }
        return new SubscriberOptions(address, callbackPort, callbackPath, maxBodySize, holdTimeout, connectTimeout,
                requestTimeout, xmlLimits, meterRegistry, timer, loops);
    }

    /**
     * @param port the port the callback routes are served on, used when no address is advertised; default 0
     * @return a new options reference
     */
    public SubscriberOptions callbackPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new SubscriberOptions(callbackAddress, port, callbackPath, maxBodySize, holdTimeout, connectTimeout,
                requestTimeout, xmlLimits, meterRegistry, timer, loops);
    }

    /**
     * @param prefix the path prefix of callback URLs, starting and ending with {@code /}; default
     *               {@code /upnp/callback/}
     * @return a new options reference
     */
    public SubscriberOptions callbackPath(String prefix) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("callback path must start and end with '/', was " + prefix);
        }
        return new SubscriberOptions(callbackAddress, callbackPort, prefix, maxBodySize, holdTimeout, connectTimeout,
                requestTimeout, xmlLimits, meterRegistry, timer, loops);
    }

    /**
     * @param bytes the largest NOTIFY body accepted (413 beyond); default 262,144
     * @return a new options reference
     */
    public SubscriberOptions maxBodySize(int bytes) {
        if (bytes < 256) {
            throw new IllegalArgumentException("max body size must be at least 256 bytes, was " + bytes);
        }
        return new SubscriberOptions(callbackAddress, callbackPort, callbackPath, bytes, holdTimeout, connectTimeout,
                requestTimeout, xmlLimits, meterRegistry, timer, loops);
    }

    /**
     * @param timeout how long a NOTIFY that arrives before the SUBSCRIBE answer is held before 412; default 5 s
     * @return a new options reference
     */
    public SubscriberOptions holdTimeout(Duration timeout) {
        return new SubscriberOptions(callbackAddress, callbackPort, callbackPath, maxBodySize,
                Objects.requireNonNull(timeout, "timeout"), connectTimeout, requestTimeout, xmlLimits, meterRegistry,
                timer, loops);
    }

    /**
     * @param connect TCP connect timeout of SUBSCRIBE and UNSUBSCRIBE; default 5 s
     * @param answer how long the publisher may take to answer; default 10 s
     * @return a new options reference
     */
    public SubscriberOptions requestTimeouts(Duration connect, Duration answer) {
        return new SubscriberOptions(callbackAddress, callbackPort, callbackPath, maxBodySize, holdTimeout,
                Objects.requireNonNull(connect, "connect"), Objects.requireNonNull(answer, "answer"), xmlLimits,
                meterRegistry, timer, loops);
    }

    /**
     * @param limits XML limits for NOTIFY bodies; default {@link XmlLimits#defaults()}
     * @return a new options reference
     */
    public SubscriberOptions xmlLimits(XmlLimits limits) {
        return new SubscriberOptions(callbackAddress, callbackPort, callbackPath, maxBodySize, holdTimeout,
                connectTimeout, requestTimeout, Objects.requireNonNull(limits, "limits"), meterRegistry, timer, loops);
    }

    /**
     * @param registry where to record meters; default a new simple registry
     * @return a new options reference
     */
    public SubscriberOptions meterRegistry(MeterRegistry registry) {
        return new SubscriberOptions(callbackAddress, callbackPort, callbackPath, maxBodySize, holdTimeout,
                connectTimeout, requestTimeout, xmlLimits, registry, timer, loops);
    }

    /**
     * @param clock schedules renewals and back-offs; default a timer on one of the loops
     * @return a new options reference
     */
    public SubscriberOptions timer(SchedulingClock clock) {
        return new SubscriberOptions(callbackAddress, callbackPort, callbackPath, maxBodySize, holdTimeout,
                connectTimeout, requestTimeout, xmlLimits, meterRegistry, clock, loops);
    }

    /**
     * @param resources event loops for SUBSCRIBE/UNSUBSCRIBE connections; default Reactor Netty's global loops
     * @return a new options reference
     */
    public SubscriberOptions loops(LoopResources resources) {
        return new SubscriberOptions(callbackAddress, callbackPort, callbackPath, maxBodySize, holdTimeout,
                connectTimeout, requestTimeout, xmlLimits, meterRegistry, timer, resources);
    }

    /** @return the advertised callback base, or {@code null} */
    public URI callbackAddress() {
        return callbackAddress;
    }

    /** @return the callback port used with the connection's local address */
    public int callbackPort() {
        return callbackPort;
    }

    /** @return the callback path prefix */
    public String callbackPath() {
        return callbackPath;
    }

    /** @return the NOTIFY body cap in bytes */
    public int maxBodySize() {
        return maxBodySize;
    }

    /** @return how long an early NOTIFY is held */
    public Duration holdTimeout() {
        return holdTimeout;
    }

    /** @return the connect timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the answer timeout */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the XML limits */
    public XmlLimits xmlLimits() {
        return xmlLimits;
    }

    /** @return the meter registry, or {@code null} for a new one */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** @return the timer, or {@code null} for the default */
    public SchedulingClock timer() {
        return timer;
    }

    /** @return the loops, or {@code null} for the default */
    public LoopResources loops() {
        return loops;
    }
}
