package io.tributary.upnp.subscriber;

import java.time.Duration;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelOption;
import io.tributary.core.SubscriberQueue;
import io.tributary.core.config.Settings;
import io.tributary.core.time.ClockScheduler;
import io.tributary.core.time.EventLoopClock;
import io.tributary.core.time.SchedulingClock;
import io.tributary.core.xml.HardenedXml;
import io.tributary.core.xml.XmlLimits;
import io.tributary.upnp.event.PropertySetReader;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The GENA subscriber (control-point side, UDA 2.0 §4): an immutable definition of its settings
 * ({@link SubscriberConfig}) and runtime collaborators; every method returns a changed copy and {@link #start()}
 * gives the {@link RunningSubscriber}, whose callbacks are served under {@value #CALLBACK_PATH}. The CALLBACK URL
 * given to publishers is {@link SubscriberConfig#CALLBACK_ADDRESS} or, unset, the local address of the connection
 * to the publisher with the {@link #callbackPort(int)}. Defaults: a new {@link SimpleMeterRegistry}, Reactor
 * Netty's global event loops, a clock on one of them, {@link XmlLimits#defaults()}.
 *
 * <pre>{@code
 * RunningSubscriber subscriber = GenaSubscriber.create(SubscriberConfig.defaults()).callbackPort(8080).start();
 * HttpServer.create().port(8080).route(subscriber.callbackRoutes()).bindNow();
 * subscriber.subscribe(URI.create("http://192.168.1.20:49152/upnp/event/RenderingControl1"))
 *         .subscribe(event -> log.info("{} = {}", event.sid(), event.properties()));
 * }</pre>
 */
public final class GenaSubscriber {

    /** The path prefix of callback URLs; a random token per subscription follows it. */
    public static final String CALLBACK_PATH = "/upnp/callback/";

    private final Settings settings;
    private final int callbackPort;
    private final MeterRegistry meterRegistry;
    private final LoopResources loops;
    private final SchedulingClock clock;
    private final XmlLimits xmlLimits;

    private GenaSubscriber(Settings settings, int callbackPort, MeterRegistry meterRegistry, LoopResources loops,
                           SchedulingClock clock, XmlLimits xmlLimits) {
        this.settings = settings;
        this.callbackPort = callbackPort;
        this.meterRegistry = meterRegistry;
        this.loops = loops;
        this.clock = clock;
        this.xmlLimits = xmlLimits;
    }

    /**
     * @param settings values of {@link SubscriberConfig#SECTION}
     * @return a definition with those settings
     * @throws IllegalArgumentException if they belong to another section or break a rule across settings
     */
    public static GenaSubscriber create(Settings settings) {
        if (settings.section() != SubscriberConfig.SECTION) {
            throw new IllegalArgumentException("expected subscriber settings, was " + settings.section());
        }
        return new GenaSubscriber(settings.validate(), 0, null, null, null, XmlLimits.defaults());
    }

    /**
     * @param port the port the callback routes are served on, used when no callback address is set; default none
     * @return a new subscriber reference
     */
    public GenaSubscriber callbackPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new GenaSubscriber(settings, port, meterRegistry, loops, clock, xmlLimits);
    }

    /**
     * @param registry where to record meters; default a new {@link SimpleMeterRegistry}
     * @return a new subscriber reference
     */
    public GenaSubscriber meterRegistry(MeterRegistry registry) {
        return new GenaSubscriber(settings, callbackPort, Objects.requireNonNull(registry, "registry"), loops, clock,
                xmlLimits);
    }

    /**
     * @param resources event loops for SUBSCRIBE and UNSUBSCRIBE connections; default Reactor Netty's global loops
     * @return a new subscriber reference
     */
    public GenaSubscriber loops(LoopResources resources) {
        return new GenaSubscriber(settings, callbackPort, meterRegistry, Objects.requireNonNull(resources,
                "resources"), clock, xmlLimits);
    }

    /**
     * @param timers schedules renewals, back-offs and the hold of early NOTIFYs; default an {@link EventLoopClock}
     *               on one of the loops
     * @return a new subscriber reference
     */
    public GenaSubscriber clock(SchedulingClock timers) {
        return new GenaSubscriber(settings, callbackPort, meterRegistry, loops, Objects.requireNonNull(timers,
                "timers"), xmlLimits);
    }

    /**
     * @param limits XML limits for NOTIFY bodies; default {@link XmlLimits#defaults()}
     * @return a new subscriber reference
     */
    public GenaSubscriber xmlLimits(XmlLimits limits) {
        return new GenaSubscriber(settings, callbackPort, meterRegistry, loops, clock, Objects.requireNonNull(limits,
                "limits"));
    }

    /**
     * Creates the connection pool and meters; nothing is sent until {@link RunningSubscriber#subscribe}.
     *
     * @return the subscriber, ready once its {@link RunningSubscriber#callbackRoutes()} are served
     * @throws IllegalStateException if neither a callback address nor a callback port is set
     */
    public RunningSubscriber start() {
        if (settings.get(SubscriberConfig.CALLBACK_ADDRESS) == null && callbackPort == 0) {
            throw new IllegalStateException("set subscriber.callback-address or the callback port of the listener");
        }
        LoopResources eventLoops = loops != null ? loops : HttpResources.get();
        SchedulingClock timers = clock != null ? clock : new EventLoopClock(eventLoops.onClient(true).next());
        SubscriberMeters meters = new SubscriberMeters(meterRegistry != null ? meterRegistry
                : new SimpleMeterRegistry());
        ConnectionProvider provider = ConnectionProvider.builder("tributary-gena-subscribe").maxConnections(64)
                .pendingAcquireMaxCount(-1).maxIdleTime(Duration.ofSeconds(30)).build();
        HttpClient client = HttpClient.create(provider).runOn(eventLoops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) settings.get(SubscriberConfig.CONNECT_TIMEOUT).toMillis())
                .responseTimeout(settings.get(SubscriberConfig.REQUEST_TIMEOUT));
        GenaRequests requests = new GenaRequests(client, settings.get(SubscriberConfig.CALLBACK_ADDRESS),
                callbackPort);
        SubscriberQueue.Spec<GenaEvent> events = SubscriberQueue.<GenaEvent>spec(
                        settings.get(SubscriberConfig.BUFFER_CAPACITY))
                .merging(GenaEvent::merge).onDrop(dropped -> meters.coalesced.increment()).label("GENA events");
        return new RunningSubscriber(settings, requests, new ClockScheduler(timers), meters,
                PropertySetReader.create(HardenedXml.create(xmlLimits)), events, provider);
    }
}
