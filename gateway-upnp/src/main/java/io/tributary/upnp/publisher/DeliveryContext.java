package io.tributary.upnp.publisher;

import java.util.function.BiConsumer;

import io.tributary.core.SubscriberQueue;
import io.tributary.upnp.event.PropertySetWriter;

/**
 * What a {@link RemoteSubscription} needs to deliver its events: the NOTIFY sender and body writer, the shape of
 * its message queue, when to give up, its meters, and whom to tell that it ended. One per publisher.
 *
 * @param sender sends one NOTIFY to a subscription's callback URLs
 * @param writer encodes property sets
 * @param queue the bounded, merging queue of waiting messages ({@link PublisherConfig#QUEUE_CAPACITY})
 * @param maxDeliveryFailures messages in a row no callback URL accepted that end a subscription
 * @param meters the publisher's meters
 * @param ended ends a subscription for a reason, as the publisher's subscription table does
 */
record DeliveryContext(NotifySender sender, PropertySetWriter writer, SubscriberQueue.Spec<EventMessage> queue,
                       int maxDeliveryFailures, PublisherMeters meters,
                       BiConsumer<RemoteSubscription, EndReason> ended) {
}
