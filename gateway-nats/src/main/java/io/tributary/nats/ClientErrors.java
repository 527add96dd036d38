package io.tributary.nats;

import java.util.concurrent.TimeUnit;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.tributary.core.log.RateLimitedLog;
import io.tributary.nats.NatsMeters.DropReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs what the client reports, rate-limited, and counts what it discards from its full outgoing queue. */
final class ClientErrors implements ErrorListener {

    private static final Logger LOG = LoggerFactory.getLogger(NatsAdapter.class);
    private static final RateLimitedLog ERRORS = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    private final String gateway;
    private final NatsMeters meters;

    ClientErrors(String gateway, NatsMeters meters) {
        this.gateway = gateway;
        this.meters = meters;
    }

    @Override
    public void errorOccurred(Connection source, String error) {
        ERRORS.warn("NATS adapter '{}': server error: {}", gateway, error);
    }

    @Override
    public void exceptionOccurred(Connection source, Exception exception) {
        ERRORS.warn("NATS adapter '{}': client exception: {}", gateway, exception.toString());
    }

    @Override
    public void messageDiscarded(Connection source, Message message) {
        meters.dropped(DropReason.BUFFER_FULL);
    }

    @Override
    public void slowConsumerDetected(Connection source, Consumer consumer) {
        ERRORS.warn("NATS adapter '{}': slow consumer, {} messages dropped by the client so far", gateway,
                consumer.getDroppedCount());
    }
}
