package io.tributary.coap.adapter;

import java.util.List;
import java.util.Objects;

import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapEndpoint;
import io.tributary.coap.CoapServer;
import io.tributary.coap.stack.CoapObserver;
import io.tributary.core.config.Settings;
import io.tributary.core.gateway.Adapter;
import io.tributary.core.gateway.GatewayContext;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Plugs CoAP into a gateway: a server on the gateway's event loops serving the {@code /ps/<topic>} window on the
 * router (plus any routes the embedder adds), polls of configured devices, and {@code tributary.coap.*} meters.
 */
public final class CoapAdapter implements Adapter {

    private final CoapServer server;
    private final List<DevicePoll> polls;
    private final String pubSubPrefix;
    private final Scheduler pollScheduler;
    /** The running polls: added on the event loop that completes the bind, disposed by {@link #stop()}. */
    private final Disposable.Composite polling = Disposables.composite();
    private volatile CoapEndpoint endpoint;

    private CoapAdapter(CoapServer server, List<DevicePoll> polls, String pubSubPrefix, Scheduler pollScheduler) {
        this.server = server;
        this.polls = List.copyOf(polls);
        this.pubSubPrefix = pubSubPrefix;
        this.pollScheduler = pollScheduler;
    }

    /**
     * @param server the server definition (address, config, extra routes, multicast)
     * @param polls devices to read periodically
     * @return an adapter with the pub/sub window under {@code /ps}
     */
    public static CoapAdapter create(CoapServer server, List<DevicePoll> polls) {
        return new CoapAdapter(Objects.requireNonNull(server, "server"), polls, "ps", Schedulers.parallel());
    }

    /**
     * @param scheduler drives the poll intervals (a virtual-time scheduler in tests); default
     *                  {@link Schedulers#parallel()}
     * @return a new adapter reference
     */
    public CoapAdapter pollScheduler(Scheduler scheduler) {
        return new CoapAdapter(server, polls, pubSubPrefix, Objects.requireNonNull(scheduler, "scheduler"));
    }

    /** @return a default server on port 5683 with the RFC defaults and no polls */
    public static CoapAdapter create() {
        return create(CoapAdapterConfig.defaults());
    }

    /**
     * @param settings values of {@link CoapAdapterConfig#SECTION}: the endpoint and the polls
     * @return an adapter with the pub/sub window under {@code /ps}
     */
    public static CoapAdapter create(Settings settings) {
        if (settings.section() != CoapAdapterConfig.SECTION) {
            throw new IllegalArgumentException("expected coap settings, was " + settings.section());
        }
        settings.validate();
        return create(CoapServer.create().config(settings.get(CoapAdapterConfig.ENDPOINT)),
                settings.get(CoapAdapterConfig.POLLS).stream().map(CoapAdapterConfig::poll).toList());
    }

    @Override
    public String name() {
        return "coap";
    }

    @Override
    public Mono<Void> start(GatewayContext context) {
        PubSubResource pubSub = new PubSubResource(context.router(), pubSubPrefix);
        return server.runOn(context.loops().onServer(true)).route(pubSub::declare).bind()
                .doOnNext(bound -> {
                    endpoint = bound;
                    if (polling.isDisposed()) {
                        // A stop overtook the bind: it found no endpoint to close, so close it here.
                        bound.dispose();
                        return;
                    }
                    CoapMeters.bind(bound, context.meterRegistry());
                    CoapClient client = CoapClient.on(bound);
                    for (DevicePoll poll : polls) {
                        // Thread-safe; once disposed by a concurrent stop, it disposes what is added.
                        polling.add(new DevicePoller(poll, client, context.router(), context.meterRegistry())
                                .start(pollScheduler));
                    }
                })
                .then();
    }

    @Override
    public Mono<Void> stop() {
        polling.dispose();
        CoapEndpoint bound = endpoint;
        return bound == null ? Mono.empty() : bound.disposeLater();
    }

    /** @return the endpoint's observe relations, a snapshot taken on its event loops; empty before start */
    public Mono<List<CoapObserver>> observers() {
        CoapEndpoint bound = endpoint;
        return bound == null ? Mono.just(List.of()) : bound.observers();
    }

    /** @return the bound endpoint once started, else {@code null} */
    public CoapEndpoint endpoint() {
        return endpoint;
    }
}
