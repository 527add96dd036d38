package io.tributary.pnp.message;

/**
 * What an agent says about itself in a work request ({@code info/deviceId}).
 *
 * @param udi the UDI text
 * @param hostname the current hostname, or {@code null}
 * @param authRequired whether the next request must carry {@code usr}/{@code pwd}
 * @param viaProxy whether the agent reached the server through a proxy
 * @param securityAdvise free text the agent adds, e.g. about clear-text passwords, or {@code null}
 */
public record DeviceId(String udi, String hostname, boolean authRequired, boolean viaProxy, String securityAdvise) {
}
