package io.tributary.upnp.publisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.tributary.core.config.Settings;
import io.tributary.core.time.EventLoopClock;
import io.tributary.core.time.SchedulingClock;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The GENA publisher (device side, UDA 2.0 §4): an immutable definition of evented services, their settings
 * ({@link PublisherConfig}) and runtime collaborators; every method returns a changed copy and {@link #start()}
 * brings it up. Defaults: {@link PublisherConfig#defaults()}, no services, a new {@link SimpleMeterRegistry},
 * Reactor Netty's global event loops, and a clock on one of them.
 *
 * <pre>{@code
 * StateVariables state = StateVariables.of(Map.of("Volume", "42"));
 * GenaPublisher.create()
 *         .settings(PublisherConfig.defaults().with(PublisherConfig.MAX_SUBSCRIPTIONS, 1000))
 *         .service(EventedService.create("/upnp/event/rcs", state))
 *         .start()
 *         .flatMap(publisher -> HttpServer.create().port(8080).route(publisher.routes()).bind())
 *         .subscribe();
 * state.set("Volume", "43");                                 // one NOTIFY to every subscriber
 * }</pre>
 */
public final class GenaPublisher {

    final Settings settings;
    final List<EventedService> services;
    final MeterRegistry meterRegistry;
    final LoopResources loops;
    final SchedulingClock clock;
    final MulticastSink multicast;

    private GenaPublisher(Settings settings, List<EventedService> services, MeterRegistry meterRegistry,
                          LoopResources loops, SchedulingClock clock, MulticastSink multicast) {
        this.settings = settings;
        this.services = List.copyOf(services);
        this.meterRegistry = meterRegistry;
        this.loops = loops;
        this.clock = clock;
        this.multicast = multicast;
    }

    /** @return a definition with the defaults and no services */
    public static GenaPublisher create() {
        return new GenaPublisher(PublisherConfig.defaults(), List.of(), null, null, null, (service, changes) -> { });
    }

    /**
     * @param values values of {@link PublisherConfig#SECTION}; default {@link PublisherConfig#defaults()}
     * @return a new publisher reference
     * @throws IllegalArgumentException if they belong to another section or break a rule across settings
     */
    public GenaPublisher settings(Settings values) {
        if (values.section() != PublisherConfig.SECTION) {
            throw new IllegalArgumentException("expected publisher settings, was " + values.section());
        }
        return new GenaPublisher(values.validate(), services, meterRegistry, loops, clock, multicast);
    }

    /**
     * Adds an evented service; paths must be unique.
     *
     * @param service the service
     * @return a new publisher reference
     */
    public GenaPublisher service(EventedService service) {
        for (EventedService existing : services) {
            if (existing.path().equals(service.path())) {
                throw new IllegalArgumentException("a service already uses event path " + service.path());
            }
        }
        List<EventedService> more = new ArrayList<>(services);
        more.add(service);
        return new GenaPublisher(settings, more, meterRegistry, loops, clock, multicast);
    }

    /**
     * @param registry where to record meters; default a new {@link SimpleMeterRegistry}
     * @return a new publisher reference
     */
    public GenaPublisher meterRegistry(MeterRegistry registry) {
        return new GenaPublisher(settings, services, Objects.requireNonNull(registry, "registry"), loops, clock,
                multicast);
    }

    /**
     * @param resources event loops for NOTIFY connections; default Reactor Netty's global HTTP loops
     * @return a new publisher reference
     */
    public GenaPublisher loops(LoopResources resources) {
        return new GenaPublisher(settings, services, meterRegistry, Objects.requireNonNull(resources, "resources"),
                clock, multicast);
    }

    /**
     * @param timers schedules expiry and moderation; default an {@link EventLoopClock} on one of the loops
     * @return a new publisher reference
     */
    public GenaPublisher clock(SchedulingClock timers) {
        return new GenaPublisher(settings, services, meterRegistry, loops, Objects.requireNonNull(timers, "timers"),
                multicast);
    }

    /**
     * @param sink takes the changes of variables services mark multicast; default drops them
     * @return a new publisher reference
     */
    public GenaPublisher multicast(MulticastSink sink) {
        return new GenaPublisher(settings, services, meterRegistry, loops, clock, Objects.requireNonNull(sink,
                "sink"));
    }

    /**
     * Creates the NOTIFY connection pool and starts listening to each service's source.
     *
     * @return the running publisher
     */
    public Mono<RunningPublisher> start() {
        return Mono.fromCallable(() -> {
            LoopResources eventLoops = loops != null ? loops : HttpResources.get();
            EventLoop fanOutLoop = eventLoops.onClient(true).next();
            SchedulingClock timers = clock != null ? clock : new EventLoopClock(fanOutLoop);
            Duration notifyTimeout = settings.get(PublisherConfig.NOTIFY_TIMEOUT);
            // One pool for every subscription; waiting acquires are bounded by one NOTIFY in flight per subscription.
            ConnectionProvider provider = ConnectionProvider.builder("tributary-gena-notify")
                    .maxConnections(settings.get(PublisherConfig.MAX_CONNECTIONS_PER_SUBSCRIBER))
                    .pendingAcquireMaxCount(-1)
                    .pendingAcquireTimeout(notifyTimeout)
                    .maxIdleTime(Duration.ofSeconds(30))
                    .build();
            HttpClient client = HttpClient.create(provider)
                    .runOn(eventLoops)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                            (int) settings.get(PublisherConfig.NOTIFY_CONNECT_TIMEOUT).toMillis())
                    .responseTimeout(notifyTimeout);
            // Changes are fanned out on an event loop of the NOTIFY client, never on the thread that published them
            // (a CoAP event loop, a router worker): starting a thousand NOTIFYs is this loop's work.
            RunningPublisher running = new RunningPublisher(this, timers, fanOutLoop,
                    new NotifySender(client), provider);
            running.start();
            return running;
        });
    }
}
