package io.tributary.pnp.provision;

import java.util.Objects;

import io.tributary.pnp.message.CertificateInstallRequest;
import io.tributary.pnp.message.ConfigUpgradeRequest;
import io.tributary.pnp.message.FileTransferRequest;
import io.tributary.pnp.message.ImageInstallRequest;
import io.tributary.pnp.message.Reload;
import io.tributary.pnp.message.ServerAddress;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceRequest;
import reactor.core.publisher.Mono;

/** The kinds of {@link Step}: a fixed request, or one whose file comes from the file service. */
public final class Steps {

    private Steps() {
    }

    /**
     * @param request any service request, sent as it is
     * @return the step
     */
    public static Step request(ServiceRequest request) {
        return new Fixed(request);
    }

    /**
     * A step that sends a fixed request.
     *
     * @param request the request
     */
    public record Fixed(ServiceRequest request) implements Step {
        /** Checks the request. */
        public Fixed {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public Service service() {
            return request.service();
        }

        @Override
        public Mono<ServiceRequest> resolve(StepContext context) {
            return Mono.just(request);
        }
    }

    /**
     * A config-upgrade of a configuration rendered for the device from a template in the file directory.
     *
     * @param template the template's file name
     * @param applyTo startup or running, or {@code null} for the agent's default
     * @param reload reload afterwards, or {@code null} for none
     */
    public record ConfigUpgrade(String template, ConfigUpgradeRequest.ApplyTo applyTo, Reload reload)
            implements Step {
        /** Checks the template. */
        public ConfigUpgrade {
            Objects.requireNonNull(template, "template");
        }

        @Override
        public Service service() {
            return Service.CONFIG_UPGRADE;
        }

        @Override
        public Mono<ServiceRequest> resolve(StepContext context) {
            return context.files().offerConfig(template, context.variables(), context.serial(), context.baseUrl(),
                    context.device()).map(source -> new ConfigUpgradeRequest(source, applyTo, null, reload));
        }
    }

    /**
     * An image-install of a file from the file directory.
     *
     * @param image the image's file name
     * @param destination device path, e.g. {@code flash:c2900.bin}, or {@code null} for the agent's choice
     * @param reload reload afterwards, or {@code null} for none
     */
    public record ImageInstall(String image, String destination, Reload reload) implements Step {
        /** Checks the image. */
        public ImageInstall {
            Objects.requireNonNull(image, "image");
        }

        @Override
        public Service service() {
            return Service.IMAGE_INSTALL;
        }

        @Override
        public Mono<ServiceRequest> resolve(StepContext context) {
            return context.files().offerFile(image, context.baseUrl(), context.device())
                    .map(source -> new ImageInstallRequest(source, destination, reload));
        }
    }

    /**
     * A file-transfer of a file from the file directory.
     *
     * @param file the file's name
     * @param destination device path
     */
    public record FileTransfer(String file, String destination) implements Step {
        /** Checks both ends. */
        public FileTransfer {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public Service service() {
            return Service.FILE_TRANSFER;
        }

        @Override
        public Mono<ServiceRequest> resolve(StepContext context) {
            return context.files().offerFile(file, context.baseUrl(), context.device())
                    .map(source -> new FileTransferRequest(source.location(), destination));
        }
    }

    /**
     * A certificate-install of a certificate (trustpoint) or bundle (trustpool) from the file directory.
     *
     * @param target trustpoint or trustpool
     * @param label the trustpoint's label, or {@code null}
     * @param file the certificate's or bundle's file name
     * @param reconnect server to reconnect to afterwards, or {@code null}
     */
    public record CertificateInstall(CertificateInstallRequest.Target target, String label, String file,
                                     ServerAddress reconnect) implements Step {
        /** Checks target and file. */
        public CertificateInstall {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(file, "file");
        }

        @Override
        public Service service() {
            return Service.CERTIFICATE_INSTALL;
        }

        @Override
        public Mono<ServiceRequest> resolve(StepContext context) {
            return context.files().offerFile(file, context.baseUrl(), context.device())
                    .map(source -> new CertificateInstallRequest(CertificateInstallRequest.Action.INSTALL, target,
                            label, source.location(), reconnect));
        }
    }
}
