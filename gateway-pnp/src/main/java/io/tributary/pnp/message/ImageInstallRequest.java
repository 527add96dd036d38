package io.tributary.pnp.message;

import java.util.Objects;

/**
 * Copy an image to the device and make it the boot image.
 *
 * @param source where the image comes from and its MD5
 * @param destination device path to copy to, e.g. {@code flash:c7200.bin}, or {@code null} for the agent's choice
 * @param reload reload afterwards, or {@code null} for {@code <noReload/>}
 */
public record ImageInstallRequest(FileSource source, String destination, Reload reload) implements ServiceRequest {

    /** Checks the source. */
    public ImageInstallRequest {
        Objects.requireNonNull(source, "source");
    }

    @Override
    public Service service() {
        return Service.IMAGE_INSTALL;
    }
}
