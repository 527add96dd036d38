package io.tributary.pnp.message;

/** Server to agent: one service to perform, sent as the answer to a work request. */
public sealed interface ServiceRequest extends PnpBody permits DeviceInfoRequest, ConfigUpgradeRequest,
        ImageInstallRequest, CliExecRequest, CliConfigRequest, BackoffRequest, CapabilityRequest, TopologyRequest,
        CertificateInstallRequest, FileTransferRequest, RedirectionRequest, ReloadRequest {

    /** @return the service this request belongs to */
    Service service();
}
