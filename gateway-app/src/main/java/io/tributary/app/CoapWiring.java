package io.tributary.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tributary.app.config.CoapSettings;
import io.tributary.coap.CoapConfig;
import io.tributary.coap.CoapServer;
import io.tributary.coap.adapter.CoapAdapter;
import io.tributary.coap.adapter.DevicePoll;

/** Builds the CoAP adapter from the {@code coap} configuration section. */
final class CoapWiring {

    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);

    private CoapWiring() {
    }

    static CoapAdapter adapter(CoapSettings settings) {
        CoapConfig config = CoapConfig.defaults()
                .ackTimeout(settings.ackTimeout())
                .ackRandomFactor(settings.ackRandomFactor())
                .maxRetransmit(settings.maxRetransmit())
                .nstart(settings.nstart())
                .defaultLeisure(settings.defaultLeisure())
                .separateResponseDelay(settings.separateResponseDelay())
                .dedupPerPeer(settings.dedupPerPeer())
                .dedupTotal(settings.dedupTotal())
                .maxPeers(settings.maxPeers())
                .receiveBufferSize(settings.receiveBuffer().intBytes());
        CoapServer server = CoapServer.create().host(settings.host()).port(settings.port()).config(config);
        CoapSettings.Multicast multicast = settings.multicast();
        if (multicast != null) {
            for (String group : multicast.groups()) {
                server = server.multicast(group);
            }
            if (multicast.networkInterface() != null && !multicast.networkInterface().isBlank()) {
                server = server.multicastInterface(multicast.networkInterface());
            }
        }
        List<DevicePoll> polls = new ArrayList<>();
        for (CoapSettings.Poll poll : settings.polls()) {
            polls.add(new DevicePoll(poll.name(), poll.uri(),
                    poll.interval() == null ? DEFAULT_POLL_INTERVAL : poll.interval(),
                    poll.confirmable() == null || poll.confirmable()));
        }
        return CoapAdapter.create(server, polls);
    }
}
