package io.tributary.pnp.message;

/** The typed content of a successful response, for services that return more than success. */
public sealed interface ServiceResult permits DeviceInfo, CliOutput, ConfigResults, Capabilities, Topology {
}
