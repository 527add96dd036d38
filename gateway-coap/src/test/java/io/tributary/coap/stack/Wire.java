package io.tributary.coap.stack;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.tributary.core.config.Settings;
import io.tributary.core.time.VirtualClock;

/**
 * A client stack and a server stack on one virtual clock, joined by a wire that loses a seeded share of the
 * datagrams in each direction; everything runs on the test thread.
 */
final class Wire {

    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 40000);
    static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.2", 5683);

    final VirtualClock timer = new VirtualClock();
    final OutboundProbe toServer = OutboundProbe.recording(timer);
    final OutboundProbe toClient = OutboundProbe.recording(timer);
    final EndpointState serverState;
    final CoapStack server;
    final CoapStack client;
    private final Random loss;
    private final double lossRate;
    /** Every datagram delivered to the server, oldest first. */
    final List<OutboundProbe.Sent> delivered = new ArrayList<>();

    Wire(Settings clientConfig, Settings serverConfig, Responder responder, long seed, double lossRate) {
        this.serverState = new EndpointState(serverConfig, 1);
        this.server = new CoapStack(serverConfig, toClient, timer, serverState, responder, seed);
        this.client = new CoapStack(clientConfig, toServer, timer, new EndpointState(clientConfig, 1), null,
                seed + 100);
        this.loss = new Random(seed);
        this.lossRate = lossRate;
    }

    Wire(Settings config, Responder responder) {
        this(config, config, responder, 1, 0);
    }

    /** Delivers what each side sent until both are quiet, losing the wire's share. */
    void deliver() {
        List<OutboundProbe.Sent> up;
        List<OutboundProbe.Sent> down;
        while (!(up = toServer.take()).isEmpty() | !(down = toClient.take()).isEmpty()) {
            for (OutboundProbe.Sent datagram : up) {
                if (loss.nextDouble() >= lossRate) {
                    delivered.add(datagram);
                    server.receive(datagram.message(), CLIENT, false);
                }
            }
            for (OutboundProbe.Sent datagram : down) {
                if (loss.nextDouble() >= lossRate) {
                    client.receive(datagram.message(), SERVER, false);
                }
            }
        }
    }

    /** Moves the clock in steps, delivering after each. */
    void run(Duration total, Duration step) {
        deliver();
        for (long done = 0; done < total.toNanos(); done += step.toNanos()) {
            timer.advance(step);
            deliver();
        }
    }
}
