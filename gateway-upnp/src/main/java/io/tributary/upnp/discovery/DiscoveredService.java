package io.tributary.upnp.discovery;

/**
 * A service of a discovered device, for status pages.
 *
 * @param udn the UDN of the (root or embedded) device it belongs to
 * @param serviceType its type
 * @param serviceId its identifier
 * @param eventSubUrl its event subscription URL, empty when it has none
 * @param subscription the gateway's subscription to it
 */
public record DiscoveredService(String udn, String serviceType, String serviceId, String eventSubUrl,
                                SubscriptionState subscription) {
}
