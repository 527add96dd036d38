package io.tributary.upnp.subscriber;

import java.time.Duration;
import java.util.function.Consumer;

import io.tributary.core.SubscriberQueue;
import io.tributary.upnp.event.PropertySetReader;
import reactor.core.scheduler.Scheduler;

/**
 * What a {@link SubscriptionSession} needs, shared by every session of a subscriber: the requests it sends, the
 * scheduler of its timers, its meters and NOTIFY reader, the shape of its event queue, its timing, and whom to
 * tell that it is over.
 *
 * @param requests sends SUBSCRIBE, renewal and UNSUBSCRIBE
 * @param scheduler renewal, back-off and hold timers, on the subscriber's clock
 * @param meters the subscriber's meters
 * @param reader reads NOTIFY bodies
 * @param events the bounded, merging queue towards the consumer ({@link SubscriberConfig#BUFFER_CAPACITY})
 * @param timing the TIMEOUT asked, renewal and back-off
 * @param holdTimeout how long an early NOTIFY waits for its SID ({@link SubscriberConfig#HOLD_TIMEOUT})
 * @param finished told when a closed session has unsubscribed everything
 */
record SessionContext(GenaRequests requests, Scheduler scheduler, SubscriberMeters meters, PropertySetReader reader,
                      SubscriberQueue.Spec<GenaEvent> events, RenewalTiming timing, Duration holdTimeout,
                      Consumer<SubscriptionSession> finished) {
}
