package io.tributary.pnp.provision;

import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceRequest;
import reactor.core.publisher.Mono;

/**
 * One step of a provisioning rule: a service request, resolved per device when it is due (file URLs, MD5
 * checksums, rendered configurations).
 */
public sealed interface Step permits Steps.Fixed, Steps.ConfigUpgrade, Steps.ImageInstall, Steps.FileTransfer,
        Steps.CertificateInstall {

    /** @return the service this step requests */
    Service service();

    /**
     * @param context the device and the file service
     * @return the request to send
     */
    Mono<ServiceRequest> resolve(StepContext context);
}
