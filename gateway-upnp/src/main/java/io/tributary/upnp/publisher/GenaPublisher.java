package io.tributary.upnp.publisher;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelOption;
import io.tributary.core.time.EventLoopClock;
import io.tributary.core.time.SchedulingClock;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The GENA publisher (device side, UDA 2.0 §4): an immutable definition of evented services and settings; every
 * method returns a changed copy and {@link #start()} brings it up. Defaults: {@link PublisherOptions#defaults()},
 * no services, a new {@link SimpleMeterRegistry}, Reactor Netty's global event loops, and a timer on one of them.
 *
 * <pre>{@code
 * StateVariables state = StateVariables.of(Map.of("Volume", "42"));
 * GenaPublisher.create()
 *         .service(EventedService.create("/upnp/event/rcs", state))
 *         .start()
 *         .flatMap(publisher -> HttpServer.create().port(8080).route(publisher.routes()).bind())
 *         .subscribe();
 * state.set("Volume", "43");                                 // one NOTIFY to every subscriber
 * }</pre>
 */
public final class GenaPublisher {

    final PublisherOptions options;
    final List<EventedService> services;
    final MeterRegistry meterRegistry;
    final LoopResources loops;
    final SchedulingClock timer;

    private GenaPublisher(PublisherOptions options, List<EventedService> services, MeterRegistry meterRegistry,
                          LoopResources loops, SchedulingClock timer) {
        this.options = options;
        this.services = List.copyOf(services);
        this.meterRegistry = meterRegistry;
        this.loops = loops;
        this.timer = timer;
    }

    /** @return a definition with the defaults and no services */
    public static GenaPublisher create() {
        return new GenaPublisher(PublisherOptions.defaults(), List.of(), null, null, null);
    }

    /**
     * @param value the settings; default {@link PublisherOptions#defaults()}
     * @return a new publisher reference
     */
    public GenaPublisher options(PublisherOptions value) {
        return new GenaPublisher(Objects.requireNonNull(value, "value"), services, meterRegistry, loops, timer);
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
        return new GenaPublisher(options, more, meterRegistry, loops, timer);
    }

    /**
     * @param registry where to record meters; default a new {@link SimpleMeterRegistry}
     * @return a new publisher reference
     */
    public GenaPublisher meterRegistry(MeterRegistry registry) {
        return new GenaPublisher(options, services, Objects.requireNonNull(registry, "registry"), loops, timer);
    }

    /**
     * @param resources event loops for NOTIFY connections; default Reactor Netty's global HTTP loops
     * @return a new publisher reference
     */
    public GenaPublisher loops(LoopResources resources) {
        return new GenaPublisher(options, services, meterRegistry, Objects.requireNonNull(resources, "resources"),
                timer);
    }

    /**
     * @param clock schedules expiry and moderation; default an {@link EventLoopClock} on one of the loops
     * @return a new publisher reference
     */
    public GenaPublisher timer(SchedulingClock clock) {
        return new GenaPublisher(options, services, meterRegistry, loops, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Creates the NOTIFY connection pool and starts listening to each service's source.
     *
     * @return the running publisher
     */
    public Mono<RunningPublisher> start() {
        return Mono.fromCallable(() -> {
            LoopResources eventLoops = loops != null ? loops : HttpResources.get();
            SchedulingClock clock = timer != null ? timer : new EventLoopClock(eventLoops.onClient(true).next());
            // One pool for every subscription; waiting acquires are bounded by one NOTIFY in flight per subscription.
            ConnectionProvider provider = ConnectionProvider.builder("tributary-gena-notify")
                    .maxConnections(options.maxConnectionsPerSubscriber())
                    .pendingAcquireMaxCount(-1)
                    .pendingAcquireTimeout(options.notifyTimeout())
                    .maxIdleTime(java.time.Duration.ofSeconds(30))
                    .build();
            HttpClient client = HttpClient.create(provider)
                    .runOn(eventLoops)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                    .responseTimeout(options.notifyTimeout());
            RunningPublisher running = new RunningPublisher(this, clock, new NotifySender(client), provider);
            running.start();
            return running;
        });
    }
}
